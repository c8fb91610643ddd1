/// A heap buffer of whole text lines, handed between the reading thread and the parser.
final class ByteChunk: @unchecked Sendable {
    /// Readable bytes after `capacity`, so that the parser may load eight bytes at a time up to the
    /// last newline without a bounds check.
    static let padding = 16

    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Bytes of whole lines, each ending in a newline.
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity + Self.padding, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity + Self.padding)
    }

    /// Doubles the capacity, keeping the first `keeping` bytes.
    func grow(keeping: Int) {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2 + Self.padding, alignment: 64)
        bigger.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * 2 + Self.padding)
        bigger.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    deinit { base.deallocate() }
}
