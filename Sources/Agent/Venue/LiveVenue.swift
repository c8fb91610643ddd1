public import Execution
public import MarketData

/// A live session: events from a `Feed` (IBKR's market data) read by a background task, orders to
/// a live `Broker`, and the connection's readiness as the entry block.
public final class LiveVenue: TradingVenue {
    public let symbol: String
    public let sessionDate: SessionDate
    public let name: String
    public let broker: any Broker
    public var simulatesTime: Bool { false }
    public private(set) var ended: String?
    private let inbox = EventInbox()
    private let pump: Task<Void, Never>
    private let readiness: @Sendable () -> String?
    /// Events taken from the inbox and not yet consumed, oldest first.
    private var buffer: [TimedEvent] = []
    private var next = 0

    /// Starts reading `feed` at once.
    /// - Parameters:
    ///   - name: for the journal's session record, e.g. `ibkr`.
    ///   - entryBlock: asked every turn; non-nil (why) refuses new entries, e.g. while the broker's
    ///     connection is not reconciled or TWS lost its link to IB.
    public init<F: Feed & Sendable>(
        feed: F, broker: any Broker, name: String, entryBlock: @escaping @Sendable () -> String?
    ) {
        symbol = feed.symbol
        sessionDate = feed.sessionDate
        self.name = name
        self.broker = broker
        readiness = entryBlock
        let inbox = self.inbox
        pump = Task {
            do {
                for try await event in feed { inbox.post(event) }
                inbox.end("the market data feed ended (the connection was stopped)")
            } catch {
                inbox.end("the market data feed failed: \(error)")
            }
        }
    }

    public func peek() throws -> TimedEvent? {
        if next < buffer.count { return buffer[next] }
        let (events, ended) = inbox.take()
        buffer = events
        next = 0
        if buffer.isEmpty, let ended { self.ended = ended }
        return buffer.first
    }

    public func take() {
        if next < buffer.count { next += 1 }
    }

    public func advance(to time: Timestamp) {}

    public func entryBlock() -> String? { readiness() }

    public func close() { pump.cancel() }
}
