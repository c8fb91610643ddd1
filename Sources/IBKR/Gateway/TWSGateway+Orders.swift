import MarketData

// Order requests from any connection go to the desk in arrival order, made at the session time of
// their arrival; what they cause goes back to the clients at once.

extension TWSGateway {
    func placeOrder(_ order: TWSOrder, _ contract: TWSContract, session id: Int) {
        guard let session = sessions[id] else { return }
        let clientID = session.clientID ?? 0
        placements[OrderKey(clientID: clientID, orderID: order.orderID), default: 0] += 1
        // TWS consumes an id even when it refuses the order: nextValidId never hands it out again.
        nextOrderID = max(nextOrderID, order.orderID + 1)
        let time = requestTime()
        desk.place(order, contract: contract, clientID: clientID, at: time)
        requested(at: time)
    }

    func cancelOrder(_ orderID: Int, session id: Int) {
        guard let session = sessions[id] else { return }
        let time = requestTime()
        desk.cancel(orderID: orderID, clientID: session.clientID ?? 0, at: time)
        requested(at: time)
    }

    /// reqGlobalCancel: every open order, whichever client placed it.
    func cancelAllOrders() {
        let time = requestTime()
        desk.cancelAll(at: time)
        requested(at: time)
    }
}
