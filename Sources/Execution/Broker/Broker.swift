public import MarketData

/// Where orders go: the simulated exchange in replay, TWS / IB Gateway live.
///
/// The loop owns its broker and calls it from one task, synchronously: requests go in with the
/// session time they are made at, and what became of them comes back through `drainReports()`,
/// which the loop polls at tick boundaries. A socket client buffers what arrives between polls;
/// the simulator produces reports as it replays events. The protocol is class-bound (so an
/// `OrderManager` and the replay runner can share one simulator) and deliberately not `Sendable`:
/// the simulator is a plain class confined to the task that owns the loop, and a live client that
/// talks to a socket on other threads keeps its own synchronisation and may add `Sendable`.
public protocol Broker: AnyObject {
    /// Submits orders together: a bracket's entry, target and stop in one call, which a venue with
    /// native brackets transmits as one group (IBKR: `transmit` on the last). An order whose id the
    /// broker already knows is ignored, never duplicated.
    func submit(_ orders: [OrderRequest], at time: Timestamp)
    /// Moves a working or held order's limit or trigger price.
    func modify(_ id: ClientOrderID, price: Price, at time: Timestamp)
    /// Cancels what is left of an order (and the legs of an entry that has not filled at all).
    func cancel(_ id: ClientOrderID, at time: Timestamp)
    /// Cancels every order of ours that is not done.
    func cancelAll(at time: Timestamp)
    /// Everything that happened since the last call, in order.
    func drainReports() -> [ExecutionReport]
    /// True when an order may join a bracket's OCA group after the bracket was sent, its fills
    /// reducing the legs' and theirs it: a flatten then keeps the stop working beside its exit.
    /// False (the default) cancels the stop before the exit goes out.
    var joinsBracketOCAGroups: Bool { get }
    /// Sends again, after a restart, orders that were live; `prior` holds what each had filled
    /// before, so a venue that charges per order (a minimum per order) does not charge it anew.
    /// A broker that kept the orders ignores the ones it knows, like `submit`.
    func resubmit(_ orders: [OrderRequest], prior: [ClientOrderID: PriorFills], at time: Timestamp)
}

/// What one order had filled before a restart.
public struct PriorFills: Hashable, Sendable {
    public var shares: Int64
    public var value: Money
    public var commission: Money

    public init(shares: Int64, value: Money, commission: Money) {
        self.shares = shares
        self.value = value
        self.commission = commission
    }
}

extension Broker {
    /// IBKR brackets are OCA by their parent; whether TWS takes a later order into that group is
    /// not established against a real TWS, so a live broker does not claim it.
    public var joinsBracketOCAGroups: Bool { false }

    /// A broker that keeps orders across our restarts (TWS) knows them already.
    public func resubmit(_ orders: [OrderRequest], prior: [ClientOrderID: PriorFills], at time: Timestamp) {
        submit(orders, at: time)
    }

    /// Submits one order.
    public func submit(_ order: OrderRequest, at time: Timestamp) {
        submit([order], at: time)
    }
}
