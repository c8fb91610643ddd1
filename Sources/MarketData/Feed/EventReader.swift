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
    /// Writes up to `buffer.count` events from the start of `buffer` (its memory need not be
    /// initialized) and returns how many: 0 only at the end of the data (or for an empty buffer).
    /// Fewer than `buffer.count` means the end of the data or an error, which the next call
    /// throws: events before a bad record are never dropped. Readers decode a batch in one tight
    /// loop here; the default loops over `next()`.
    /// - Throws: `ReplayError`, as `next()`, when no event precedes it in this call.
    mutating func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int
}

// MARK: - Batches

extension EventReader {
    public mutating func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        guard let out = buffer.baseAddress else { return 0 }
        var count = 0
        do {
            while count < buffer.count, let event = try next() {
                (out + count).initialize(to: event)
                count += 1
            }
        } catch where count > 0 {
            // `next()` throws the same error again on the next call.
        }
        return count
    }
}
