import Execution
import MarketData

// The exchange's reports as the messages TWS sends: execDetails and commissionReport for a fill,
// openOrder and orderStatus for every change, error 202 for a cancel, 201 for a rejection, 161 or
// 104 for a refused cancel or modification.

extension GatewayDesk {
    func translateReports() {
        for report in exchange.drainReports() {
            guard let key = keys[report.orderID], var order = orders[key] else { continue }
            var notice: (code: Int, text: String)?
            switch report.event {
            case .accepted, .updated:
                break
            case .fill(let fill):
                order.record(fill)
                orders[key] = order
                book(fill, of: order, time: report.time)
            case .modified(let price):
                if order.pending.first == .modify { order.pending.removeFirst() }
                if order.order.orderType == "STP" { order.order.auxPrice = price } else { order.order.limitPrice = price }
            case .cancelled(let reason):
                if order.pending.first == .cancel { order.pending.removeFirst() }
                notice = (202, "Order Canceled - reason:\(reason)")
            case .rejected(let reason):
                notice = (201, "Order rejected - reason:\(reason)")
            case .requestRefused(let reason):
                let request = order.pending.isEmpty ? .cancel : order.pending.removeFirst()
                orders[key] = order
                sendError(key.orderID, request == .cancel ? 161 : 104, refusal(request, order, reason), to: key.clientID)
                continue
            }
            let wasDone = order.isDone
            order.status = order.status(for: report.state)
            orders[key] = order
            if notice == nil, !wasDone, order.status == "Cancelled" {
                notice = (202, "Order Canceled - reason:its OCA group or parent is done; the rest will not fill")
            }
            if notice?.code == 201 { sendError(key.orderID, 201, notice?.text ?? "", to: key.clientID) }
            sendState(key)
            if notice?.code == 202 { sendError(key.orderID, 202, notice?.text ?? "", to: key.clientID) }
            if order.isDone, order.filled == 0 { cancelHeldChildren(of: key) }
        }
    }

    private func refusal(_ request: GatewayOrder.PendingRequest, _ order: GatewayOrder, _ reason: String) -> String {
        switch request {
        case .cancel: "Cancel attempted when order is not in a cancellable state.  Order permId =\(order.permID) (\(reason))"
        case .modify: "The order cannot be modified: \(reason)"
        }
    }

    /// execDetails, its commissionReport and the position, for one fill.
    private func book(_ fill: Fill, of order: GatewayOrder, time: Timestamp) {
        account.apply(fill)
        let execution = TWSExecution(
            orderID: order.order.orderID, contract: contract, execID: fill.executionID,
            time: EasternTime.twsTime(date: configuration.sessionDate, time: time), account: configuration.account,
            exchange: "NASDAQ", side: fill.side == .buy ? "BOT" : "SLD", shares: fill.quantity, price: fill.price,
            permID: order.permID, clientID: order.key.clientID, cumulativeQuantity: order.filled,
            averagePrice: order.averagePrice ?? fill.price, orderRef: order.order.orderRef)
        let commission = TWSCommissionReport(
            execID: fill.executionID, commission: fill.commission, currency: "USD", realizedPnL: nil)
        executions.append((execution, commission))
        send(.execution(reqID: -1, execution), to: order.key.clientID)
        send(.commission(commission), to: order.key.clientID)
        outbox.append(Outbound(recipient: .positionSubscribers, response: .position(position)))
    }

    // MARK: Account

    var position: TWSPosition {
        TWSPosition(
            account: configuration.account, contract: contract, position: account.position,
            averageCost: account.averageEntry ?? .zero)
    }

    /// Daily, unrealized and realized P&L in dollars, commissions included, marked at the exit side.
    var pnl: (daily: Double, unrealized: Double, realized: Double) {
        account.mark(bid: exchange.book.bestBid?.price, ask: exchange.book.bestAsk?.price)
        return (account.dailyPL.dollars, account.unrealizedPL.dollars, (account.realizedPL - account.commissions).dollars)
    }

    /// The account values clients read at connect: a $100,000 paper account.
    var accountValues: [(String, String)] {
        account.mark(bid: exchange.book.bestBid?.price, ask: exchange.book.bestAsk?.price)
        let start = Price(cents: 10_000_000)
        let cash = start + account.realizedPL - account.commissions
        let net = start + account.dailyPL
        return [("NetLiquidation", TWSFieldWriter.format(net)), ("TotalCashValue", TWSFieldWriter.format(cash)),
            ("AccountType", "INDIVIDUAL")]
    }
}
