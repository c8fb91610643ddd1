/// Cuts a byte stream into lines. Bytes stay bytes until a line is complete, so a chunk boundary in
/// the middle of a UTF-8 character never garbles text.
struct LineBuffer: Sendable {
    private var pending: [UInt8] = []

    /// Bytes waiting for their line to end.
    var pendingCount: Int { pending.count }

    /// Appends a chunk and returns the lines it completed, without their `\n` or `\r\n`.
    mutating func append<Bytes: Sequence>(_ chunk: Bytes) -> [[UInt8]] where Bytes.Element == UInt8 {
        pending.append(contentsOf: chunk)
        guard let lastNewline = pending.lastIndex(of: 10) else { return [] }
        let complete = pending[...lastNewline]
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
