import MarketData

/// An order held by the simulated gateway, with its lifecycle.
struct GatewayOrder: Sendable {
    var order: TWSOrder
    let clientID: Int
    let permID: Int64
    var status: String
    var filled: Int64 = 0
    var averagePrice: Price?
    var lastFillPrice: Price?
    /// Money × shares accumulated for the average, exact in fixed point.
    var notional: Int64 = 0

    var remaining: Int64 { order.quantity - filled }
    var isDone: Bool { ["Cancelled", "Filled", "Inactive", "ApiCancelled"].contains(status) }
    /// Live at the exchange: transmitted and, for a child, released by its parent's fill.
    var isWorking: Bool { status == "Submitted" }

    var orderStatus: TWSOrderStatus {
        TWSOrderStatus(
            orderID: order.orderID, status: status, filled: filled, remaining: isDone && status != "Filled" ? 0 : remaining,
            averageFillPrice: averagePrice, permID: permID, parentID: order.parentID, lastFillPrice: lastFillPrice,
            clientID: clientID)
    }

    func openOrder(contract: TWSContract) -> TWSOpenOrder {
        TWSOpenOrder(order: order, contract: contract, clientID: clientID, permID: permID, status: status)
    }

    mutating func fill(_ shares: Int64, at price: Price) {
        filled += shares
        notional += price.raw * shares
        averagePrice = Price(raw: notional / max(1, filled))
        lastFillPrice = price
        if remaining <= 0 { status = "Filled" }
    }
}
