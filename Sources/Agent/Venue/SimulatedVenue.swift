public import Execution
public import MarketData

/// A recorded session replayed through the `SimulatedExchange`: a `Feed` of the file's events and
/// the `Broker` that fills the agent's orders against the replayed book.
///
/// Every event reaches the exchange as it reaches the agent (`take`), so the simulator sees exactly
/// the book the agent saw when it sent an order, in a backtest and a paced replay alike.
public final class SimulatedVenue: TradingVenue, Broker {
    public let exchange: SimulatedExchange
    public let source: ReplaySource
    public var symbol: String { source.symbol }
    public var sessionDate: SessionDate { source.sessionDate }
    public var name: String { "sim" }
    public var broker: any Broker { self }
    public var simulatesTime: Bool { true }
    @exclusivity(unchecked) public private(set) var ended: String?
    /// The next event, read ahead by `peek` (unchecked: read twice per event, by one owner).
    @exclusivity(unchecked) private var head: TimedEvent?

    public init(source: ReplaySource, exchange: SimulatedExchange.Configuration = .init()) {
        self.source = source
        self.exchange = SimulatedExchange(configuration: exchange)
    }

    /// Opens a replay file (LOBSTER or `.fsdr`).
    /// - Throws: `ReplayError` when the file cannot be read.
    public convenience init(path: String, exchange: SimulatedExchange.Configuration = .init()) throws {
        try self.init(source: ReplaySource.open(path: path), exchange: exchange)
    }

    @inline(__always)
    public func peek() throws -> TimedEvent? {
        if let head { return head }
        guard ended == nil else { return nil }
        head = try source.next()
        if head == nil { ended = "end of data" }
        return head
    }

    @inline(__always)
    public func take() {
        guard let event = head else { return }
        head = nil
        exchange.apply(event)
    }

    public func advance(to time: Timestamp) {
        exchange.advance(to: time)
    }

    public func entryBlock() -> String? { nil }

    public func close() {}

    // MARK: Broker

    public func submit(_ orders: [OrderRequest], at time: Timestamp) {
        exchange.submit(orders, at: time)
    }

    public func resubmit(_ orders: [OrderRequest], prior: [ClientOrderID: PriorFills], at time: Timestamp) {
        exchange.resubmit(orders, prior: prior, at: time)
    }

    public func modify(_ id: ClientOrderID, price: Price, at time: Timestamp) {
        exchange.modify(id, price: price, at: time)
    }

    public func cancel(_ id: ClientOrderID, at time: Timestamp) {
        exchange.cancel(id, at: time)
    }

    public func cancelAll(at time: Timestamp) {
        exchange.cancelAll(at: time)
    }

    public func drainReports() -> [ExecutionReport] {
        exchange.drainReports()
    }

    public var joinsBracketOCAGroups: Bool { exchange.joinsBracketOCAGroups }
}
