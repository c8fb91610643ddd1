import Execution
import MarketData

/// A TWS order at the simulated gateway: what its client sent, its TWS status, and its fills. The
/// exchange works it under `exchangeID` once its group is transmitted; until then the gateway holds it.
struct GatewayOrder {
    /// A modify or cancel sent to the exchange and not yet answered, so that a refusal gets the
    /// error code that fits the request.
    enum PendingRequest { case modify, cancel }

    var order: TWSOrder
    let key: TWSGateway.OrderKey
    let permID: Int64
    let exchangeID: ClientOrderID
    /// Sent to the exchange: the transmitting order of its group arrived.
    var transmitted = false
    /// PendingSubmit, PreSubmitted, Submitted, Filled, Cancelled or Inactive.
    var status = "PendingSubmit"
    var filled: Int64 = 0
    /// Price × shares of the fills, exact in fixed point, for the average price.
    var notional: Int64 = 0
    var lastFillPrice: Price?
    var pending: [PendingRequest] = []

    init(order: TWSOrder, key: TWSGateway.OrderKey, permID: Int64) {
        self.order = order
        self.key = key
        self.permID = permID
        self.exchangeID = ClientOrderID("\(key.clientID).\(key.orderID)")
    }

    var isDone: Bool { ["Cancelled", "Filled", "Inactive", "ApiCancelled"].contains(status) }

    /// The limit of a LMT, the trigger of a STP, nil for a MKT.
    var price: Price? { Self.price(of: order) }

    static func price(of order: TWSOrder) -> Price? {
        switch order.orderType {
        case "LMT": order.limitPrice
        case "STP": order.auxPrice
        default: nil
        }
    }

    var averagePrice: Price? { filled > 0 ? Price(raw: notional / filled) : nil }

    var orderStatus: TWSOrderStatus {
        TWSOrderStatus(
            orderID: order.orderID, status: status, filled: filled, remaining: isDone ? 0 : max(0, order.quantity - filled),
            averageFillPrice: averagePrice, permID: permID, parentID: order.parentID, lastFillPrice: lastFillPrice,
            clientID: key.clientID)
    }

    func openOrder(contract: TWSContract) -> TWSOpenOrder {
        TWSOpenOrder(order: order, contract: contract, clientID: key.clientID, permID: permID, status: status)
    }

    mutating func record(_ fill: Fill) {
        filled += fill.quantity
        notional += fill.price.raw * fill.quantity
        lastFillPrice = fill.price
    }

    /// The TWS status of an exchange state. An order the exchange calls filled with shares left
    /// (its OCA group or its parent is done) had the rest cancelled, as TWS reports it.
    func status(for state: OrderState) -> String {
        switch state {
        case .pendingSubmit: "PendingSubmit"
        case .held: "PreSubmitted"
        case .working, .partiallyFilled: "Submitted"
        case .filled: filled >= order.quantity ? "Filled" : "Cancelled"
        case .cancelled: "Cancelled"
        case .rejected: "Inactive"
        }
    }
}
