#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts replay data (a LOBSTER pair, or a recording whose recorder stopped without closing it)
/// into a closed FSDTrader recording: the engine behind `fsd convert`. The recording is written
/// under a temporary name beside the destination, read back and compared event by event with the
/// source, and only then renamed over the destination, so the destination is never a half-written
/// or unverified file.
public struct RecordingConverter: Sendable {
    /// How far a conversion has come, for a progress line.
    public struct Progress: Sendable {
        public var events: Int
        /// LOBSTER messages read, for LOBSTER input.
        public var messages: Int?
        /// The data time of the last event written.
        public var time: Timestamp
    }

    /// What a finished conversion wrote.
    public struct Outcome: Sendable {
        public var format: ReplaySource.Format
        public var symbol: String
        public var sessionDate: SessionDate
        /// LOBSTER messages read, for LOBSTER input.
        public var messages: Int?
        public var events: Int
        public var trades: Int
        /// Bytes of the recording, header and trailer included.
        public var bytes: Int
        /// Checksummed blocks of records.
        public var blocks: Int
        /// Whether the recording was read back and compared with the source.
        public var verified: Bool
        /// The input was a version 1 recording (no block checksums), rewritten as version 2.
        public var upgradedFromVersion1: Bool
    }

    /// The data being converted: any replay file, or a version 1 recording, which only this
    /// reads (to rewrite it; every replay refuses it).
    private struct Input {
        let replay: ReplaySource?
        let legacy: LegacyRecordingReader?

        init(path: String, allowUnfinished: Bool) throws {
            if try RecordingFormat.isVersion1(path: path) {
                legacy = try LegacyRecordingReader(path: path, allowUnfinished: allowUnfinished)
                replay = nil
            } else {
                replay = try ReplaySource.open(path: path, allowUnfinished: allowUnfinished)
                legacy = nil
            }
        }

        var format: ReplaySource.Format { replay?.format ?? .recording }
        var symbol: String { replay?.symbol ?? legacy?.symbol ?? "" }
        var sessionDate: SessionDate { replay?.sessionDate ?? legacy?.sessionDate ?? SessionDate(year: 1, month: 1, day: 1) }
        var messagesRead: Int? { replay?.lobster?.messagesRead }

        func next() throws -> TimedEvent? {
            if let replay { return try replay.next() }
            return try legacy?.next()
        }
    }

    public var input: String
    public var output: String
    /// Accept a recording input without its trailer, keeping its whole blocks up to the cut.
    public var allowUnfinished: Bool
    /// Read the recording back and compare it with the source before keeping it.
    public var verify: Bool

    public init(input: String, output: String, allowUnfinished: Bool = false, verify: Bool = true) {
        self.input = input
        self.output = output
        self.allowUnfinished = allowUnfinished
        self.verify = verify
    }

    /// Converts, verifies and renames; a failure leaves no temporary file behind.
    /// - Parameter progress: called every 65,536 events.
    /// - Throws: `ReplayError` for input that cannot be read or is invalid, a recording that cannot
    ///   be written or moved into place, or one that does not read back as the source.
    public func convert(progress: (Progress) -> Void = { _ in }) throws -> Outcome {
        let source = try Input(path: input, allowUnfinished: allowUnfinished)
        let partial = output + ".partial"
        let writer = try RecordingWriter(path: partial, symbol: source.symbol, sessionDate: source.sessionDate)
        var trades = 0
        do {
            while let event = try source.next() {
                try writer.append(event)
                if case .trade = event.event { trades += 1 }
                if writer.eventCount & 0xffff == 0 {
                    progress(Progress(events: writer.eventCount, messages: source.messagesRead, time: event.time))
                }
            }
            try writer.close()
            if verify { try compare(recording: partial) }
            try Self.rename(partial, to: output)
        } catch {
            unlink(partial)
            throw error
        }
        return Outcome(
            format: source.format, symbol: source.symbol, sessionDate: source.sessionDate,
            messages: source.messagesRead, events: writer.eventCount, trades: trades,
            bytes: writer.bytesWritten, blocks: writer.blockCount, verified: verify,
            upgradedFromVersion1: source.legacy != nil)
    }

    /// Reads the written recording and the source side by side: they must yield the same events.
    private func compare(recording: String) throws {
        let original = try Input(path: input, allowUnfinished: allowUnfinished)
        let copy = try RecordingReader(path: recording)
        var index = 0
        while true {
            let expected = try original.next()
            let actual = try copy.next()
            index += 1
            guard expected == actual else {
                throw ReplayError(
                    .unreadable, path: recording,
                    message: "verification failed: event \(index) reads back as \(actual.map { "\($0)" } ?? "nothing") "
                        + "instead of \(expected.map { "\($0)" } ?? "nothing"); the file was not kept")
            }
            if expected == nil { return }
        }
    }

    /// `rename(2)`: replaces a file already at `destination` in one step.
    private static func rename(_ source: String, to destination: String) throws {
        #if canImport(Glibc)
            let failed = Glibc.rename(source, destination) != 0
        #elseif canImport(Musl)
            let failed = Musl.rename(source, destination) != 0
        #else
            let failed = Darwin.rename(source, destination) != 0
        #endif
        if failed {
            throw ReplayError(
                .unreadable, path: destination,
                message: "cannot move the finished recording here: \(String(cString: strerror(errno)))")
        }
    }
}
