import Foundation

/// Something that fills reusable blocks one after another: line chunks of a file, parsed rows.
protocol BlockSource: AnyObject, Sendable {
    associatedtype Block: AnyObject
    /// The file the blocks come from, for error messages.
    var path: String { get }
    func makeBlock() -> Block
    /// Fills `block` with the next data; false at the end.
    func fill(_ block: Block) throws -> Bool
}

/// Hands the blocks of a source to one consumer. Threaded, a second thread fills the next blocks
/// while the consumer works on the current one: gzip inflation and parsing cost as much as what
/// the consumer does with the data, so overlapping them on two cores nearly halves replay time.
final class Prefetcher<Source: BlockSource>: @unchecked Sendable {
    private static var depth: Int { 3 }

    let path: String
    private let source: Source
    private let threaded: Bool
    // Guards everything below it when threaded; the producer thread touches only `source` otherwise.
    private let condition = NSCondition()
    private var free: [Source.Block] = []
    private var ready: [Source.Block] = []
    private var failure: (any Error)?
    private var finished = false
    private var cancelled = false
    private var started = false
    /// The block the consumer holds; recycled when it asks for the next.
    private var current: Source.Block?

    init(source: Source, threaded: Bool) {
        path = source.path
        self.source = source
        self.threaded = threaded
        if threaded {
            free = (0..<Self.depth).map { _ in source.makeBlock() }
        }
    }

    /// The next block, valid until the next call; nil at the end.
    func next() throws -> Source.Block? {
        guard threaded else {
            let block = current ?? source.makeBlock()
            current = block
            return try source.fill(block) ? block : nil
        }
        if !started {
            started = true
            let thread = Thread { [self] in produce() }
            thread.name = "fsd.replay"
            thread.start()
        }
        condition.lock()
        defer { condition.unlock() }
        if let held = current {
            free.append(held)
            current = nil
            condition.signal()
        }
        // A cancelled producer stops without finishing: a consumer waiting for it (a prefetcher
        // chained behind this one, on its own thread) must not wait forever.
        while ready.isEmpty && !finished && failure == nil && !cancelled { condition.wait() }
        if !ready.isEmpty {
            let block = ready.removeFirst()
            current = block
            return block
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer thread; the consumer will ask for nothing more.
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
            let block = free.removeLast()
            condition.unlock()
            do {
                let more = try source.fill(block)
                condition.lock()
                if more { ready.append(block) } else { finished = true }
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

/// Line chunks of a text file.
typealias ChunkPipeline = Prefetcher<LineChunker>
