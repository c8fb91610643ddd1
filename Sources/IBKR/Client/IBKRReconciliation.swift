/// What TWS reported on (re)connection: the truth the broker rebuilds its state from, so that no
/// fill is lost and no order is sent twice.
public struct IBKRReconciliation: Sendable, Hashable {
    public var positions: [TWSPosition]
    public var openOrders: [TWSOpenOrder]
    /// Latest status per order id, as reported along with the open orders.
    public var orderStatuses: [Int: TWSOrderStatus]
    /// Today's executions of this client id, in the order TWS sent them.
    public var executions: [TWSExecution]
    public var commissions: [String: TWSCommissionReport]
    /// The next order id TWS will accept.
    public var nextOrderID: Int

    public init(
        positions: [TWSPosition] = [], openOrders: [TWSOpenOrder] = [], orderStatuses: [Int: TWSOrderStatus] = [:],
        executions: [TWSExecution] = [], commissions: [String: TWSCommissionReport] = [:], nextOrderID: Int = 0
    ) {
        self.positions = positions
        self.openOrders = openOrders
        self.orderStatuses = orderStatuses
        self.executions = executions
        self.commissions = commissions
        self.nextOrderID = nextOrderID
    }
}
