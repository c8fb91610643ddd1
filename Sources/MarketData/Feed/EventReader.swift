/// A synchronous, pull-based source of events for replay: backtests and benchmarks call `next()`
/// millions of times a second, which an async sequence cannot sustain.
public protocol EventReader {
    /// The instrument, e.g. `GOOG`.
    var symbol: String { get }
    /// The session the events belong to.
    var sessionDate: SessionDate { get }
    /// The next event in time order, or nil at the end of the data.
    /// - Throws: `ReplayError` for bad data; after a throw the reader keeps throwing the same error.
    mutating func next() throws -> TimedEvent?
}

// MARK: - Batches

extension EventReader {
    /// Fills `buffer` from its start with up to `buffer.count` events; returns how many were written
    /// (fewer only at the end of the data).
    public mutating func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        var count = 0
        while count < buffer.count, let event = try next() {
            buffer[count] = event
            count += 1
        }
        return count
    }
}
