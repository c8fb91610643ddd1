/// A replay file opened by path, whatever its format: a LOBSTER message file (plain or `.gz`,
/// its orderbook file beside it) or an FSDTrader recording (`.fsdr`, recognised by its first bytes).
///
/// ```swift
/// let source = try ReplaySource.open(path: "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz")
/// while let event = try source.next() { book.apply(event) }  // decoded in batches behind the scenes
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
    /// The LOBSTER reader behind this source, if it is one. Its raw message and row count run up to
    /// a batch (256 events) ahead of the events `next()` has returned; at the end they are exact.
    public let lobster: LobsterReader?
    /// The recording reader behind this source, if it is one.
    public let recording: RecordingReader?
    // Unretained aliases of the two readers above (which keep them alive): reading through them
    // skips a retain/release pair per event.
    private let fastLobster: Unmanaged<LobsterReader>?
    private let fastRecording: Unmanaged<RecordingReader>?
    /// Events decoded ahead in one batch and not yet returned, `pending[index..<count]`: `next()`
    /// inlines into the caller's loop as a load, and the reader decodes in its tight loop.
    @usableFromInline let pending: UnsafeMutablePointer<TimedEvent>
    @usableFromInline @exclusivity(unchecked) var index = 0
    @usableFromInline @exclusivity(unchecked) var count = 0
    /// Small enough to stay in the L1 cache with the consumer's state.
    private static let batchCapacity = 256

    private init(path: String, lobster: LobsterReader?, recording: RecordingReader?, symbol: String, sessionDate: SessionDate) {
        self.path = path
        format = lobster == nil ? .recording : .lobster
        self.lobster = lobster
        self.recording = recording
        fastLobster = lobster.map { Unmanaged.passUnretained($0) }
        fastRecording = recording.map { Unmanaged.passUnretained($0) }
        self.symbol = symbol
        self.sessionDate = sessionDate
        pending = .allocate(capacity: Self.batchCapacity)
    }

    deinit { pending.deallocate() }

    /// Opens `path`, choosing the reader from the file's first bytes and name.
    /// - Parameters:
    ///   - prefetch: for text files, inflate and read on background threads while parsing.
    ///   - allowUnfinished: for recordings, end quietly at the last whole block of a recording without its trailer.
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
                path: path, lobster: nil, recording: reader, symbol: reader.symbol, sessionDate: reader.sessionDate)
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
            path: path, lobster: reader, recording: nil, symbol: reader.symbol, sessionDate: reader.sessionDate)
    }

    @inlinable
    public func next() throws -> TimedEvent? {
        if index < count {
            let event = pending[index]
            index &+= 1
            return event
        }
        return try nextBatch()
    }

    /// Refills `pending` and returns its first event.
    @usableFromInline
    func nextBatch() throws -> TimedEvent? {
        index = 0
        count = 0
        count = try readFromReader(into: UnsafeMutableBufferPointer(start: pending, count: Self.batchCapacity))
        guard count > 0 else { return nil }
        index = 1
        return pending[0]
    }

    public func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        guard index >= count else {
            let taken = min(count &- index, buffer.count)
            guard let out = buffer.baseAddress else { return 0 }
            out.initialize(from: pending + index, count: taken)
            index &+= taken
            return taken
        }
        return try readFromReader(into: buffer)
    }

    private func readFromReader(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        if let fastRecording { return try fastRecording._withUnsafeGuaranteedRef { try $0.read(into: buffer) } }
        guard let fastLobster else { return 0 }
        return try fastLobster._withUnsafeGuaranteedRef { try $0.read(into: buffer) }
    }
}
