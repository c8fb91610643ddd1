/// A replay source as an async `Feed`, for code shared with live trading. Events come as fast as
/// they are read (pacing to the data's clock is the caller's choice); the iterator yields to other
/// tasks every few thousand events so a replay never starves them.
public struct ReplayFeed: Feed {
    public typealias Element = TimedEvent
    public typealias Failure = any Error

    public let symbol: String
    public let sessionDate: SessionDate
    private let source: ReplaySource

    public init(_ source: ReplaySource) {
        self.source = source
        symbol = source.symbol
        sessionDate = source.sessionDate
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(source: source)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let source: ReplaySource
        var count = 0

        public mutating func next() async throws -> TimedEvent? {
            count &+= 1
            if count & 4095 == 0 { await Task.yield() }
            return try source.next()
        }
    }
}
