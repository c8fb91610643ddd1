/// One row of a LOBSTER message file, as the file gives it.
public struct LobsterMessage: Hashable, Sendable {
    public var time: Timestamp
    /// 1 new limit order, 2 partial cancel, 3 delete, 4 visible execution, 5 hidden execution,
    /// 6 cross trade, 7 trading halt.
    public var type: Int
    public var orderID: Int64
    public var size: Int64
    public var price: Price
    /// -1 a sell order, +1 a buy order; for executions the side of the resting order.
    public var direction: Int

    public init(time: Timestamp, type: Int, orderID: Int64, size: Int64, price: Price, direction: Int) {
        self.time = time
        self.type = type
        self.orderID = orderID
        self.size = size
        self.price = price
        self.direction = direction
    }

    /// The trade this message prints, if it is an execution: a resting sell order hit (direction -1)
    /// was bought by the aggressor. Cross trades (auctions) have no aggressor.
    public var trade: Trade? {
        switch type {
        case 4, 5: Trade(price: price, size: size, aggressor: direction < 0 ? .buy : .sell, setsLast: true)
        case 6: Trade(price: price, size: size, aggressor: .unknown, setsLast: true)
        default: nil
        }
    }
}
