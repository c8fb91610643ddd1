public import MarketData

extension SimulatedVenue: Feed {
    public typealias Element = TimedEvent
    public typealias Failure = any Error

    /// The replay as an async feed: each event is handed to the exchange as it is returned, as the
    /// loop's `take` does. The iterator yields to other tasks every few thousand events.
    public nonisolated func makeAsyncIterator() -> Iterator {
        Iterator(venue: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let venue: SimulatedVenue
        var count = 0

        public mutating func next() async throws -> TimedEvent? {
            count &+= 1
            if count & 4095 == 0 { await Task.yield() }
            guard let event = try venue.peek() else { return nil }
            venue.take()
            return event
        }
    }
}
