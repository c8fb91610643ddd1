/// A stream of decoded bytes: a plain file or the inflated content of a gzip file.
protocol ByteInput: AnyObject {
    var path: String { get }
    /// Fills up to `count` bytes; 0 only at the end of the content. Throws for corrupt or truncated data.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
}

extension PosixFile: ByteInput {}

/// Opens a text input, inflating it when it starts with the gzip magic bytes (whatever its name).
enum TextInput {
    static func open(_ path: String, what: String) throws -> any ByteInput {
        let file = try PosixFile.openForReading(path, what: what)
        var magic: [UInt8] = [0, 0]
        let got = try magic.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            return try file.readFully(into: base, count: raw.count)
        }
        file.close()
        let isGzip = got == 2 && magic == [0x1f, 0x8b]
        let reopened = try PosixFile.openForReading(path, what: what)
        return isGzip ? try GzipInput(file: reopened) : reopened
    }
}
