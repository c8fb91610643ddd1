/// The parser's place in one text file: the unread part of the current chunk and the line count.
struct LineCursor {
    let pipeline: ChunkPipeline
    var position: UnsafePointer<UInt8>
    var end: UnsafePointer<UInt8>
    /// Lines started so far: the 1-based number of the line at `position` once `advance` returned true.
    var line = 0

    /// Reads `input` in line chunks, on a second thread when `threaded`.
    init(input: any ByteInput, threaded: Bool) {
        self.init(pipeline: ChunkPipeline(source: LineChunker(input: input, chunkCapacity: 1 << 18), threaded: threaded))
    }

    init(pipeline: ChunkPipeline) {
        self.pipeline = pipeline
        // An empty range: the first `advance` fetches a chunk.
        let empty = UnsafePointer<UInt8>(bitPattern: 1)!
        position = empty
        end = empty
    }

    var path: String { pipeline.path }

    /// Moves to the next line; false at the end of the file.
    @inline(__always)
    mutating func advance() throws -> Bool {
        if position == end {
            let chunk: ByteChunk?
            do {
                chunk = try pipeline.next()
            } catch var error as ReplayError {
                if error.line == nil { error.line = line + 1 }
                throw error
            }
            guard let chunk else { return false }
            let base = UnsafePointer(chunk.base.assumingMemoryBound(to: UInt8.self))
            position = base
            end = base + chunk.count
        }
        line += 1
        return true
    }
}
