/// Reads a whole replay file through every check its reader makes — for a recording, the header's
/// and every block's CRC-32C, the trailer's counts; for a LOBSTER pair, every row — and says what
/// it holds: the engine behind `fsd verify` and `fsd convert --verify`.
public enum RecordingVerifier {
    public struct Report: Sendable {
        public var format: ReplaySource.Format
        /// The recording format version; nil for LOBSTER.
        public var version: Int?
        public var symbol: String
        public var sessionDate: SessionDate
        public var events: Int
        /// Checksummed blocks; nil for LOBSTER and version 1.
        public var blocks: Int?
        /// LOBSTER messages; nil for recordings.
        public var messages: Int?
    }

    /// - Throws: `ReplayError` naming the first thing wrong (for a recording, the block and byte).
    public static func verify(path: String) throws -> Report {
        if try RecordingFormat.isVersion1(path: path) {
            // Its one CRC-32 covers every record and is checked at its end.
            let reader = try LegacyRecordingReader(path: path)
            var events = 0
            while try reader.next() != nil { events += 1 }
            return Report(
                format: .recording, version: reader.version, symbol: reader.symbol, sessionDate: reader.sessionDate,
                events: events, blocks: nil, messages: nil)
        }
        let source = try ReplaySource.open(path: path)
        var events = 0
        let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 4_096)
        defer { buffer.deallocate() }
        while true {
            let got = try source.read(into: buffer)
            if got == 0 { break }
            events += got
        }
        return Report(
            format: source.format, version: source.recording?.version, symbol: source.symbol,
            sessionDate: source.sessionDate, events: events, blocks: source.recording?.blocksRead,
            messages: source.lobster?.messagesRead)
    }
}
