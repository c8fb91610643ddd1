/// Lines to standard output through one buffer: the JSON Lines of a whole session are tens of
/// megabytes, and a write per line would cost more than building the states.
struct BufferedOutput {
    private var buffer: [UInt8] = []
    private var failed = false

    /// Adds a line; false once standard output cannot be written (the reader went away).
    mutating func write(_ line: String) -> Bool {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
        return !failed
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty, !failed else { return }
        failed = !Console.write(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
