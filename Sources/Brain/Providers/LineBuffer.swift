/// Cuts a byte stream into lines. Bytes stay bytes until a line is complete, so a chunk boundary in
/// the middle of a UTF-8 character never garbles text.
///
/// Linear in the stream: each chunk is searched for a newline only in its own bytes, never the
/// whole pending line again, so a 200,000-byte line arriving 7 bytes at a time costs 200,000 byte
/// looks, not 3 billion.
struct LineBuffer: Sendable {
    private var pending: [UInt8] = []
    /// Bytes looked at so far, for the test that the work stays linear in the stream's length.
    private(set) var bytesExamined = 0

    /// Bytes waiting for their line to end.
    var pendingCount: Int { pending.count }

    /// The first bytes of the line waiting to end, as text, for an error message.
    func pendingPrefix(_ count: Int) -> String {
        String(decoding: pending.prefix(count), as: UTF8.self)
    }

    /// Appends a chunk and returns the lines it completed, without their `\n` or `\r\n`.
    mutating func append<Bytes: Sequence>(_ chunk: Bytes) -> [[UInt8]] where Bytes.Element == UInt8 {
        let searchFrom = pending.count
        pending.append(contentsOf: chunk)
        guard let lastNewline = pending[searchFrom...].lastIndex(of: 10) else {
            bytesExamined += pending.count - searchFrom
            return []
        }
        bytesExamined += pending.count - searchFrom
        let complete = pending[...lastNewline]
        // The split looks at each completed byte once more; those bytes then leave the buffer.
        bytesExamined += complete.count
        var lines: [[UInt8]] = []
        for line in complete.split(separator: 10, omittingEmptySubsequences: false).dropLast() {
            lines.append(line.last == 13 ? Array(line.dropLast()) : Array(line))
        }
        pending.removeFirst(lastNewline + 1)
        return lines
    }

    /// What is left after the last newline, emptied (a final line without `\n`).
    mutating func finish() -> [UInt8]? {
        defer { pending = [] }
        let line = pending.last == 13 ? Array(pending.dropLast()) : pending
        return line.isEmpty ? nil : line
    }
}
