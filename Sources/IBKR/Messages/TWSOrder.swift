import MarketData

/// The order fields the agent uses (LMT and STP, brackets by parentId and transmit); every other
/// placeOrder field is sent unset.
public struct TWSOrder: Hashable, Sendable {
    public enum Action: String, Sendable, Hashable {
        case buy = "BUY"
        case sell = "SELL"

        public var opposite: Action { self == .buy ? .sell : .buy }
    }

    public var orderID: Int
    public var action: Action
    public var quantity: Int64
    /// `LMT`, `STP`, `MKT`, or what another client sent.
    public var orderType: String
    public var limitPrice: Price?
    /// The stop price of a STP order.
    public var auxPrice: Price?
    public var timeInForce: String
    public var ocaGroup: String
    public var account: String
    /// Free text kept by TWS with the order and its executions; we put the client order id here so
    /// that a reconnect can match what TWS holds with what we sent.
    public var orderRef: String
    public var transmit: Bool
    public var parentID: Int
    public var outsideRegularHours: Bool

    public init(
        orderID: Int, action: Action, quantity: Int64, orderType: String, limitPrice: Price? = nil,
        auxPrice: Price? = nil, timeInForce: String = "DAY", ocaGroup: String = "", account: String = "",
        orderRef: String = "", transmit: Bool = true, parentID: Int = 0, outsideRegularHours: Bool = false
    ) {
        self.orderID = orderID
        self.action = action
        self.quantity = quantity
        self.orderType = orderType
        self.limitPrice = limitPrice
        self.auxPrice = auxPrice
        self.timeInForce = timeInForce
        self.ocaGroup = ocaGroup
        self.account = account
        self.orderRef = orderRef
        self.transmit = transmit
        self.parentID = parentID
        self.outsideRegularHours = outsideRegularHours
    }

    public static func limit(
        _ orderID: Int, _ action: Action, _ quantity: Int64, _ price: Price, orderRef: String = "",
        transmit: Bool = true, parentID: Int = 0
    ) -> TWSOrder {
        TWSOrder(
            orderID: orderID, action: action, quantity: quantity, orderType: "LMT", limitPrice: price,
            orderRef: orderRef, transmit: transmit, parentID: parentID)
    }

    public static func stop(
        _ orderID: Int, _ action: Action, _ quantity: Int64, _ stop: Price, orderRef: String = "",
        transmit: Bool = true, parentID: Int = 0
    ) -> TWSOrder {
        TWSOrder(
            orderID: orderID, action: action, quantity: quantity, orderType: "STP", auxPrice: stop,
            orderRef: orderRef, transmit: transmit, parentID: parentID)
    }
}
