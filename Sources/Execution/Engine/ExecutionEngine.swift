public import MarketData
public import StateVector

/// The execution layer as the agent's loop uses it: the `RiskManager` in front of the
/// `OrderManager`, the broker behind it, the `Account` fed by its fills.
///
/// Per tick call `update(market:)` (poll the broker, book fills, mark, enforce the daily loss
/// limit, expire entries, drive a flatten), then read `accountState` and `activeOrders` into the
/// state vector; per decision call `execute(_:market:)`. Everything returns the events to journal.
/// Owned by the loop's task (not `Sendable`, like its broker).
public final class ExecutionEngine {
    public let orders: OrderManager
    public private(set) var account: Account
    public private(set) var risk: RiskManager
    /// The session date the snapshot is tagged with (`YYYY-MM-DD`).
    public let session: String

    /// - Parameters:
    ///   - session: the trading date, `YYYY-MM-DD`, stored in snapshots.
    ///   - snapshot: the same day's state after a restart (its halt stays in force). Call
    ///     `resume(at:)` once the broker is ready to send the live orders again.
    public init(
        broker: any Broker, limits: RiskLimits, configuration: OrderManager.Configuration, session: String,
        restoring snapshot: ExecutionSnapshot? = nil
    ) {
        self.session = session
        orders = OrderManager(broker: broker, configuration: configuration, restoring: snapshot?.orders)
        account = snapshot.map { Account(snapshot: $0.account) } ?? Account()
        risk = RiskManager(limits: limits, halt: snapshot?.halt)
    }

    public var broker: any Broker { orders.broker }

    /// `ACCOUNT_STATE` of the next state vector.
    public var accountState: AccountState { account.state }

    /// `ACTIVE_ORDERS` of the next state vector.
    public var activeOrders: [ActiveOrder] { orders.activeOrders }

    public var halt: Halt? { risk.halt }

    /// The risk limits; a strategy reload may change them at a tick boundary (a halt stays).
    public var limits: RiskLimits {
        get { risk.limits }
        set { risk.limits = newValue }
    }

    public var snapshot: ExecutionSnapshot {
        ExecutionSnapshot(session: session, account: account.snapshot, orders: orders.snapshot, halt: risk.halt)
    }

    /// After a restore: sends the live orders again (idempotent at a broker that still has them);
    /// under a halt, unfilled entries and their legs are cancelled instead.
    public func resume(at time: Timestamp) -> [ExecutionEvent] {
        orders.resubmitOpenOrders(at: time, includingEntries: risk.halt == nil)
    }

    /// Polls the broker and brings everything up to `market.time`.
    public func update(market: MarketContext) -> [ExecutionEvent] {
        var events: [ExecutionEvent] = []
        for report in orders.broker.drainReports() {
            events.append(.report(report))
            let continues = orders.orders[report.orderID]?.continuesTrade ?? false
            if let fill = orders.apply(report) { account.apply(fill, continuesTrade: continues) }
        }
        account.mark(bid: market.bid, ask: market.ask)
        if let halt = risk.checkDailyLoss(account.dailyPL, at: market.time) {
            events.append(.halted(halt))
            events += orders.cancelAllAndFlatten(reason: halt.reason, position: account.position, at: market.time)
        }
        events += orders.housekeeping(position: account.position, at: market.time)
        return events
    }

    /// Runs one command through the risk checks and, when approved, to the broker.
    public func execute(_ command: TradeCommand, market: MarketContext) -> Result<[ExecutionEvent], RiskRefusal> {
        switch command {
        case .enter(let intent):
            return risk.approve(
                intent, market: market, account: account.state, hasLiveOrders: orders.hasLiveOrders,
                flattening: orders.isFlattening
            ).map { orders.enter($0, at: market.time) }
        case .updateStop(let price):
            return reference().flatMap { side, entry in
                risk.approveStop(price, side: side, entry: entry, market: market)
            }.flatMap { orders.changePrice($0, at: market.time) }
        case .updateTarget(let price):
            return reference().flatMap { side, entry in
                risk.approveTarget(price, side: side, entry: entry, market: market)
            }.flatMap { orders.changePrice($0, at: market.time) }
        case .cancelAllAndFlatten(let reason):
            return .success(orders.cancelAllAndFlatten(reason: reason, position: account.position, at: market.time))
        }
    }

    /// The refusal any entry of `side` would meet now, whatever its prices (`RiskManager.refusalOfAnyEntry`).
    public func refusalOfAnyEntry(_ side: PositionSide, market: MarketContext) -> RiskRefusal? {
        risk.refusalOfAnyEntry(
            side, market: market, account: account.state, hasLiveOrders: orders.hasLiveOrders, flattening: orders.isFlattening)
    }

    /// The side and entry price stop and target changes are judged from: the position's average
    /// entry, or the limit of a bracket whose entry has not filled yet.
    private func reference() -> Result<(PositionSide, Price), RiskRefusal> {
        if account.position != 0, let entry = account.averageEntry {
            return .success((account.position > 0 ? .long : .short, entry))
        }
        if let bracket = orders.bracket, let entry = orders.orders[bracket.entry], !entry.state.isTerminal,
            let limit = entry.request.price
        {
            return .success((bracket.side, limit))
        }
        return .failure(.noPosition)
    }
}
