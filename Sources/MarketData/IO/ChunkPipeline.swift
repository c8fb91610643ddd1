import Foundation

/// Delivers the line chunks of one file to its parser. Threaded, a second thread reads and inflates
/// the next chunks while the parser works on the current one (gzip inflation costs about as much as
/// parsing, so overlapping the two nearly doubles replay speed on two cores).
final class ChunkPipeline: @unchecked Sendable {
    static let chunkCapacity = 1 << 18
    private static let depth = 3

    let path: String
    private let chunker: LineChunker
    private let threaded: Bool
    // Guards everything below it when threaded; the producer thread touches nothing else.
    private let condition = NSCondition()
    private var free: [ByteChunk] = []
    private var ready: [ByteChunk] = []
    private var failure: (any Error)?
    private var finished = false
    private var cancelled = false
    private var started = false
    /// The chunk the parser holds; returned to `free` when it asks for the next.
    private var current: ByteChunk?

    init(input: any ByteInput, threaded: Bool) {
        path = input.path
        chunker = LineChunker(input: input, chunkCapacity: Self.chunkCapacity)
        self.threaded = threaded
        if threaded {
            free = (0..<Self.depth).map { _ in ByteChunk(capacity: Self.chunkCapacity) }
        }
    }

    /// The next chunk of whole lines, valid until the next call; nil at the end of the file.
    func next() throws -> ByteChunk? {
        guard threaded else {
            let chunk = current ?? ByteChunk(capacity: Self.chunkCapacity)
            current = chunk
            return try chunker.fill(chunk) ? chunk : nil
        }
        if !started {
            started = true
            let thread = Thread { [self] in produce() }
            thread.name = "fsd.inflate"
            thread.start()
        }
        condition.lock()
        defer { condition.unlock() }
        if let held = current {
            free.append(held)
            current = nil
            condition.signal()
        }
        while ready.isEmpty && !finished && failure == nil { condition.wait() }
        if !ready.isEmpty {
            let chunk = ready.removeFirst()
            current = chunk
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread; the parser will ask for nothing more.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce() {
        while true {
            condition.lock()
            while free.isEmpty && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            let chunk = free.removeLast()
            condition.unlock()
            do {
                let more = try chunker.fill(chunk)
                condition.lock()
                if more { ready.append(chunk) } else { finished = true }
                condition.signal()
                condition.unlock()
                if !more { return }
            } catch {
                condition.lock()
                failure = error
                condition.signal()
                condition.unlock()
                return
            }
        }
    }
}
