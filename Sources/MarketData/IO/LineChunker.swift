/// Cuts a byte stream into chunks that hold whole lines only, so the parser never sees a line split
/// across two buffers. A last line without a newline gets one.
final class LineChunker: BlockSource, @unchecked Sendable {
    /// Longer lines than this are an error, not a reason to exhaust memory.
    static let maximumLineLength = 1 << 26

    let input: any ByteInput
    private var carry: UnsafeMutableRawPointer
    private var carryCapacity: Int
    private var carryCount = 0
    private var ended = false
    /// A read error held back until the whole lines before it have been parsed, so that it is
    /// reported at the first line that could not be read.
    private var pendingError: (any Error)?

    var path: String { input.path }
    private let chunkCapacity: Int

    func makeBlock() -> ByteChunk { ByteChunk(capacity: chunkCapacity) }

    init(input: any ByteInput, chunkCapacity: Int) {
        self.chunkCapacity = chunkCapacity
        self.input = input
        carryCapacity = chunkCapacity
        carry = .allocate(byteCount: chunkCapacity, alignment: 16)
    }

    deinit { carry.deallocate() }

    /// Fills `chunk` with the next whole lines; false when the input is exhausted.
    func fill(_ chunk: ByteChunk) throws -> Bool {
        if let pendingError { throw pendingError }
        chunk.count = 0
        while chunk.capacity < carryCount + 4096 { chunk.grow(keeping: 0) }
        chunk.base.copyMemory(from: carry, byteCount: carryCount)
        var filled = carryCount
        carryCount = 0
        while true {
            while !ended && filled < chunk.capacity {
                do {
                    let got = try input.read(into: chunk.base + filled, count: chunk.capacity - filled)
                    if got == 0 { ended = true } else { filled += got }
                } catch {
                    pendingError = error
                    ended = true
                }
            }
            let bytes = chunk.base.assumingMemoryBound(to: UInt8.self)
            if let pendingError {
                // Hand over the whole lines before the damage; the partial line after them is lost.
                var last = filled - 1
                while last >= 0 && bytes[last] != UInt8(ascii: "\n") { last -= 1 }
                guard last >= 0 else { throw pendingError }
                chunk.count = last + 1
                return true
            }
            if ended {
                guard filled > 0 else { return false }
                if bytes[filled - 1] != UInt8(ascii: "\n") {
                    if filled == chunk.capacity { chunk.grow(keeping: filled) }
                    chunk.base.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: filled, as: UInt8.self)
                    filled += 1
                }
                chunk.count = filled
                return true
            }
            var last = filled - 1
            while last >= 0 && bytes[last] != UInt8(ascii: "\n") { last -= 1 }
            if last >= 0 {
                chunk.count = last + 1
                carryCount = filled - chunk.count
                if carryCount > carryCapacity {
                    carry.deallocate()
                    carryCapacity = chunk.capacity
                    carry = .allocate(byteCount: carryCapacity, alignment: 16)
                }
                carry.copyMemory(from: chunk.base + chunk.count, byteCount: carryCount)
                return true
            }
            guard chunk.capacity < Self.maximumLineLength else {
                // The reader adds the line number: only it counts lines.
                throw ReplayError(
                    .invalidData, path: input.path,
                    message: "line is longer than \(Self.maximumLineLength) bytes; is this a text file?")
            }
            chunk.grow(keeping: filled)
        }
    }
}
