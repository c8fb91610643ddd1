public import Execution
public import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends journal lines to a file. In `perLine` mode every line reaches the operating system before
/// `append` returns, so a `kill -9` loses at most the line being written; `buffered` mode (backtests)
/// writes in large blocks and on `close`.
public final class JournalWriter {
    /// When lines reach the file.
    public enum Flush: Sendable {
        case perLine
        case buffered
    }

    public let path: String
    private var descriptor: Int32
    private let flush: Flush
    private var buffer: [UInt8] = []
    /// Lines written by this writer.
    public private(set) var linesWritten = 0
    /// The number of the day's last snapshot record (continued from the journal on a restart).
    public var snapshotSequence = 0
    /// Account of the checkpoint kept beside the journal after every snapshot; nil: none (a backtest).
    public let checkpointAccount: String?

    /// Opens (creating it and its folder if needed) `path` for appending.
    /// - Parameter truncate: start the file afresh (a backtest's own journal), never for a live day.
    /// - Throws: `JournalError` when the file cannot be opened.
    /// - Parameter checkpoint: the account whose snapshots are made durable: each one is fsynced
    ///   with the journal and written to `JournalCheckpoint` (a live day's journal).
    public init(path: String, flush: Flush, truncate: Bool = false, checkpoint: String? = nil) throws(JournalError) {
        self.path = path
        self.flush = flush
        checkpointAccount = checkpoint
        // A file-size limit (ulimit -f) must be a write error the run can act on, not a kill.
        signal(SIGXFSZ, SIG_IGN)
        try Self.makeParentDirectory(of: path)
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | (truncate ? O_TRUNC : 0), 0o644)
        guard descriptor >= 0 else { throw JournalError.cannotOpen(path: path, reason: Self.lastError()) }
        if flush == .buffered { buffer.reserveCapacity(1 << 16) }
    }

    deinit {
        try? close()
    }

    /// Appends one record as one line.
    public func append(_ line: JSONLine) throws(JournalError) {
        try append(json: line.json)
    }

    /// Appends an already-encoded JSON object as one line.
    public func append(json: String) throws(JournalError) {
        linesWritten += 1
        buffer.append(contentsOf: json.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if flush == .perLine || buffer.count >= 1 << 16 { try drain() }
    }

    /// Appends the execution snapshot under the day's next number; with a checkpoint, the journal
    /// is fsynced and the checkpoint replaced before this returns, so what it says survives a power
    /// loss and a lost tail of the journal is detected on the next start.
    public func appendSnapshot(_ snapshot: ExecutionSnapshot, at time: Timestamp) throws(JournalError) {
        snapshotSequence += 1
        try append(JournalRecords.snapshot(snapshot, at: time, sequence: snapshotSequence))
        guard let account = checkpointAccount else { return }
        try sync()
        try JournalCheckpoint(account: account, sequence: snapshotSequence, time: time, execution: snapshot).write(journal: path)
    }

    /// Writes what is buffered and waits until the disk has it (fsync).
    public func sync() throws(JournalError) {
        try drain()
        guard descriptor >= 0 else { throw JournalError.closed(path: path) }
        if fsync(descriptor) != 0 { throw JournalError.cannotWrite(path: path, reason: Self.lastError()) }
    }

    /// Writes what is buffered and closes the file; later appends fail. When the last write fails
    /// the lines stay readable in `unwrittenLines`.
    public func close() throws(JournalError) {
        guard descriptor >= 0 else { return }
        defer {
            _ = systemClose(descriptor)
            descriptor = -1
        }
        try drain()
    }

    private func drain() throws(JournalError) {
        guard !buffer.isEmpty else { return }
        guard descriptor >= 0 else { throw JournalError.closed(path: path) }
        var offset = 0
        let total = buffer.count
        var failure: String?
        buffer.withUnsafeBytes { bytes in
            while offset < total, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, total - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.lastError()
                    return
                }
                offset += written
            }
        }
        if let failure {
            // What did not reach the file stays, in order, for the next attempt: a disk that has
            // room again gets every line, none twice and none lost (#14).
            buffer.removeFirst(offset)
            throw JournalError.cannotWrite(path: path, reason: failure)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Lines appended but not yet in the file (after a failed write), in order.
    public var unwrittenLines: [String] {
        buffer.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }

    private func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    static func makeParentDirectory(of path: String) throws(JournalError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count > 1 else { return }
        components.removeLast()
        var current = path.hasPrefix("/") ? "" : "."
        for component in components where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw JournalError.cannotOpen(path: path, reason: "cannot create folder \(current): \(lastError())")
            }
        }
    }
}
