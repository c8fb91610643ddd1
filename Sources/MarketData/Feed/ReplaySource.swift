/// A replay file opened by path, whatever its format: a LOBSTER message file (plain or `.gz`,
/// its orderbook file beside it) or an FSDTrader recording (`.fsdr`, recognised by its first bytes).
///
/// ```swift
/// let source = try ReplaySource.open(path: "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz")
/// while let event = try source.next() { book.apply(event) }
/// ```
public final class ReplaySource: EventReader {
    public enum Format: String, Sendable {
        case lobster
        case recording
    }

    public let path: String
    public let format: Format
    public let symbol: String
    public let sessionDate: SessionDate
    private let backend: Backend

    private enum Backend {
        case lobster(LobsterReader)
        case recording(RecordingReader)
    }

    private init(path: String, format: Format, backend: Backend, symbol: String, sessionDate: SessionDate) {
        self.path = path
        self.format = format
        self.backend = backend
        self.symbol = symbol
        self.sessionDate = sessionDate
    }

    /// Opens `path`, choosing the reader from the file's first bytes and name.
    /// - Parameters:
    ///   - prefetch: for text files, inflate and read on background threads while parsing.
    ///   - allowUnfinished: for recordings, end quietly where a recording without its end record stops.
    /// - Throws: `ReplayError` when the file is missing, of an unknown kind, or its header is bad.
    public static func open(path: String, prefetch: Bool = true, allowUnfinished: Bool = false) throws -> ReplaySource {
        let file = try PosixFile.openForReading(path, what: "data file")
        var head = [UInt8](repeating: 0, count: RecordingFormat.magic.count)
        let got = try head.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            return try file.readFully(into: base, count: raw.count)
        }
        file.close()
        if got == head.count && head == RecordingFormat.magic {
            let reader = try RecordingReader(path: path, allowUnfinished: allowUnfinished)
            return ReplaySource(
                path: path, format: .recording, backend: .recording(reader), symbol: reader.symbol,
                sessionDate: reader.sessionDate)
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard fileName.contains("message") else {
            throw ReplayError(
                .invalidData, path: path,
                message: "unknown replay format: expected a LOBSTER message file (e.g. "
                    + "\(LobsterFileName.example)) or an FSDTrader recording (.fsdr)")
        }
        let reader = try LobsterReader(messagePath: path, prefetch: prefetch)
        return ReplaySource(
            path: path, format: .lobster, backend: .lobster(reader), symbol: reader.symbol,
            sessionDate: reader.sessionDate)
    }

    @inline(__always)
    public func next() throws -> TimedEvent? {
        switch backend {
        case .lobster(let reader): try reader.next()
        case .recording(let reader): try reader.next()
        }
    }

    /// The LOBSTER reader behind this source (its current raw message and row count), if it is one.
    public var lobster: LobsterReader? {
        if case .lobster(let reader) = backend { return reader }
        return nil
    }

    /// The recording reader behind this source, if it is one.
    public var recording: RecordingReader? {
        if case .recording(let reader) = backend { return reader }
        return nil
    }
}
