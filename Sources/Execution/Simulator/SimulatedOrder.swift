import MarketData

/// The simulator's record of one order.
struct SimulatedOrder {
    var request: OrderRequest
    var state: OrderState = .pendingSubmit
    var filled: Int64 = 0
    var filledValue: Money = .zero
    var commission: Money = .zero
    /// Fills of the same order before a restart, sent again to this exchange: the commission
    /// schedule (a minimum per order) continues from them.
    var prior: PriorFills?
    var executions = 0
    /// Shares displayed ahead of a resting limit at its price; volume trading at the price eats
    /// them before it reaches us.
    var queueAhead: Int64 = 0
    /// A limit that has taken what it could on arrival and now waits in the book.
    var resting = false
    /// A stop whose trigger printed: it now works as a market order.
    var triggered = false
    /// What the last report said, so a change without a fill is reported once.
    var reportedState: OrderState = .pendingSubmit
    var reportedWorking: Int64 = -1
    /// What its OCA group had filled when it was sent: an order joining a group later (a flatten's
    /// exit beside a bracket's stop) is reduced only by the fills that came after it.
    var groupFilledBefore: Int64 = 0

    init(request: OrderRequest) { self.request = request }

    var isActive: Bool { state == .working || state == .partiallyFilled }

    /// The book side a resting order of ours would join.
    var bookSide: BookSide { request.side == .buy ? .bid : .ask }
}

/// A request in flight to the simulated market.
enum SimulatedAction {
    case arrive(ClientOrderID)
    case modify(ClientOrderID, Price)
    case cancel(ClientOrderID)
    case cancelAll
}
