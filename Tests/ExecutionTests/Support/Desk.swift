import MarketData
import StateVector

@testable import Execution

/// A simulator and an execution engine wired as the agent's loop wires them, driven by a script.
final class Desk {
    let exchange: SimulatedExchange
    let engine: ExecutionEngine
    private(set) var events: [ExecutionEvent] = []
    private(set) var lastData = Market.time(0)
    /// The position after every tick.
    private(set) var positions: [Int64] = []

    init(
        limits: RiskLimits = RiskLimits(), latency: Int64 = 10, entryTimeout: Duration? = .seconds(30),
        restoring snapshot: ExecutionSnapshot? = nil, book: [TimedEvent] = Market.standardBook
    ) {
        exchange = SimulatedExchange(configuration: .init(latency: .milliseconds(latency)))
        engine = ExecutionEngine(
            broker: exchange, limits: limits,
            configuration: OrderManager.Configuration(session: "T", entryTimeout: entryTimeout),
            session: "2012-06-21", restoring: snapshot)
        for event in book { exchange.apply(event) }
    }

    func market(at ms: Int64) -> MarketContext {
        MarketContext(
            time: Market.time(ms), bid: exchange.book.bestBid?.price, ask: exchange.book.bestAsk?.price,
            lastDataTime: lastData)
    }

    /// Replays an event and runs a tick at its time when it ends a batch.
    func feed(_ event: TimedEvent) {
        exchange.apply(event)
        lastData = event.time
        if event.endsBatch { tick((event.time.nanos - Market.time(0).nanos) / Timestamp.nanosPerMillisecond) }
    }

    func feed(_ events: [TimedEvent]) { for event in events { feed(event) } }

    @discardableResult
    func tick(_ ms: Int64) -> [ExecutionEvent] {
        exchange.advance(to: Market.time(ms))
        let new = engine.update(market: market(at: ms))
        events += new
        positions.append(engine.account.position)
        return new
    }

    @discardableResult
    func execute(_ command: TradeCommand, at ms: Int64) -> Result<[ExecutionEvent], RiskRefusal> {
        let result = engine.execute(command, market: market(at: ms))
        if case .success(let new) = result { events += new }
        return result
    }

    static func long(_ limit: Int64, _ stop: Int64, _ target: Int64, _ quantity: Int64 = 100) -> TradeCommand {
        .enter(EntryIntent(side: .long, limit: Price(cents: limit), stop: Price(cents: stop), target: Price(cents: target), quantity: quantity))
    }

    static func short(_ limit: Int64, _ stop: Int64, _ target: Int64, _ quantity: Int64 = 100) -> TradeCommand {
        .enter(EntryIntent(side: .short, limit: Price(cents: limit), stop: Price(cents: stop), target: Price(cents: target), quantity: quantity))
    }

    var account: Account { engine.account }

    /// `ROLE STATUS qty@price` of every active order.
    var orders: [String] {
        engine.activeOrders.map { "\($0.role.name) \($0.status.name) \($0.qty)@\($0.price?.display ?? "MKT")" }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
