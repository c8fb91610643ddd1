import Foundation
public import Execution
public import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last execution snapshot of a live day, beside its journal (`day.jsonl.state`), replaced
/// atomically and fsynced after every snapshot record. A journal whose tail was lost (a file cut at
/// a line boundary, a power loss before the disk had the lines) parses cleanly and would silently
/// reset the day; its snapshots are numbered, so a checkpoint holding a later number proves the
/// loss, and its snapshot (P&L, trades, orders, halt) is the day recovery restores (#16).
public struct JournalCheckpoint: Codable, Equatable, Sendable {
    public var account: String
    /// The snapshot's number in the day's journal (`seq` of its `snapshot` record).
    public var sequence: Int
    /// The snapshot's session time, nanoseconds since midnight.
    public var ns: Int64
    public var execution: ExecutionSnapshot

    public init(account: String, sequence: Int, time: Timestamp, execution: ExecutionSnapshot) {
        self.account = account
        self.sequence = sequence
        self.ns = time.nanos
        self.execution = execution
    }

    public var time: Timestamp { Timestamp(nanos: ns) }

    /// Where the checkpoint of `journal` lives.
    public static func path(for journal: String) -> String { journal + ".state" }

    /// Reads the checkpoint of `journal`; nil when there is none.
    /// - Throws: `JournalError.cannotOpen` for a checkpoint that exists but cannot be read or decoded
    ///   (it is written atomically, so a damaged one was changed by hand).
    public static func read(journal: String) throws(JournalError) -> JournalCheckpoint? {
        let path = path(for: journal)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError.cannotOpen(path: path, reason: "the checkpoint cannot be read")
        }
        do {
            return try JSONDecoder().decode(JournalCheckpoint.self, from: data)
        } catch {
            throw JournalError.cannotOpen(
                path: path, reason: "the checkpoint is not one this program wrote (\(error)); restore it, or move it aside with its journal")
        }
    }

    /// Removes the checkpoint of `journal` (a journal started afresh has none).
    public static func remove(journal: String) {
        unlink(path(for: journal))
    }

    /// Writes the checkpoint of `journal`: a temporary file, fsynced, renamed over the old one, and
    /// the folder fsynced, so after a power loss either the old or the new checkpoint is there.
    public func write(journal: String) throws(JournalError) {
        let path = Self.path(for: journal)
        let temporary = path + ".tmp"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else {
            throw JournalError.cannotWrite(path: path, reason: "the checkpoint cannot be encoded")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw JournalError.cannotWrite(path: temporary, reason: Self.lastError()) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.lastError()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = Self.lastError() }
        _ = systemClose(descriptor)
        if let failure { throw JournalError.cannotWrite(path: temporary, reason: failure) }
        guard rename(temporary, path) == 0 else { throw JournalError.cannotWrite(path: path, reason: Self.lastError()) }
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            _ = systemClose(directory)
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

// The system calls by names that do not collide with this type's own `write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
