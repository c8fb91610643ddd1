import MarketData

/// orderStatus (message 3): the live state of one order.
public struct TWSOrderStatus: Hashable, Sendable {
    public var orderID: Int
    /// PendingSubmit, PreSubmitted, Submitted, Cancelled, Filled, Inactive, ...
    public var status: String
    public var filled: Int64
    public var remaining: Int64
    public var averageFillPrice: Price?
    public var permID: Int64
    public var parentID: Int
    public var lastFillPrice: Price?
    public var clientID: Int
    public var whyHeld: String

    public init(
        orderID: Int, status: String, filled: Int64, remaining: Int64, averageFillPrice: Price?, permID: Int64,
        parentID: Int, lastFillPrice: Price?, clientID: Int, whyHeld: String = ""
    ) {
        self.orderID = orderID
        self.status = status
        self.filled = filled
        self.remaining = remaining
        self.averageFillPrice = averageFillPrice
        self.permID = permID
        self.parentID = parentID
        self.lastFillPrice = lastFillPrice
        self.clientID = clientID
        self.whyHeld = whyHeld
    }

    /// True when the order can no longer fill.
    public var isDone: Bool { ["Cancelled", "ApiCancelled", "Filled", "Inactive"].contains(status) }
}
