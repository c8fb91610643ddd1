import Execution
import MarketData

/// What the IBKR broker knows of our orders, shared by its command task and its event task.
struct IBKRBrokerState: Sendable {
    struct Tracked: Sendable {
        var request: OrderRequest
        var twsID: Int
        var state: OrderState = .pendingSubmit
        var filled: Int64 = 0
        var working: Int64 { state.isTerminal ? 0 : request.quantity - filled }
    }

    var connectionState: IBKRConnectionState = .disconnected
    var reports: [ExecutionReport] = []
    var orders: [ClientOrderID: Tracked] = [:]
    var byTWSID: [Int: ClientOrderID] = [:]
    var seenExecutions: Set<String> = []
    /// Executions waiting for their commission report.
    var pendingFills: [String: (ClientOrderID, TWSExecution)] = [:]
    var time = Timestamp(nanos: 0)

    mutating func report(_ id: ClientOrderID, _ event: ExecutionReport.Event) {
        guard let order = orders[id] else { return }
        reports.append(
            ExecutionReport(
                orderID: id, time: time, event: event, state: order.state, filledQuantity: order.filled,
                workingQuantity: order.working))
    }

    mutating func setState(_ id: ClientOrderID, _ newState: OrderState, _ event: ExecutionReport.Event) {
        guard var order = orders[id], !order.state.isTerminal, order.state != newState || newState == .partiallyFilled
        else { return }
        order.state = newState
        orders[id] = order
        report(id, event)
    }

    func clientID(for execution: TWSExecution) -> ClientOrderID? {
        if !execution.orderRef.isEmpty, orders[ClientOrderID(execution.orderRef)] != nil {
            return ClientOrderID(execution.orderRef)
        }
        return byTWSID[execution.orderID]
    }

    mutating func execution(_ execution: TWSExecution) {
        guard !seenExecutions.contains(execution.execID), let id = clientID(for: execution) else { return }
        seenExecutions.insert(execution.execID)
        pendingFills[execution.execID] = (id, execution)
    }

    mutating func commission(_ report: TWSCommissionReport) {
        guard let (id, execution) = pendingFills.removeValue(forKey: report.execID), var order = orders[id] else { return }
        order.filled += execution.shares
        order.state = order.filled >= order.request.quantity ? .filled : .partiallyFilled
        orders[id] = order
        let fill = Fill(
            executionID: execution.execID, side: execution.isBuy ? .buy : .sell, price: execution.price,
            quantity: execution.shares, commission: report.commission, addedLiquidity: false)
        self.report(id, .fill(fill))
    }

    mutating func status(_ status: TWSOrderStatus) {
        guard let id = byTWSID[status.orderID], let order = orders[id] else { return }
        switch status.status {
        case "PreSubmitted" where order.request.parent != nil: setState(id, .held, .accepted)
        case "PreSubmitted", "Submitted":
            if order.state == .pendingSubmit {
                setState(id, .working, .accepted)
            } else if order.state == .held {
                setState(id, .working, .updated)
            }
        case "Cancelled", "ApiCancelled": setState(id, .cancelled, .cancelled(reason: "cancelled at TWS"))
        case "Inactive": setState(id, .rejected, .rejected(reason: "TWS reports the order inactive"))
        default: break
        }
    }

    mutating func error(_ error: TWSErrorMessage) {
        guard let id = byTWSID[error.id], let order = orders[id] else { return }
        switch error.code {
        case 201, 103, 200, 321:
            if order.state.isTerminal { return }
            setState(id, .rejected, .rejected(reason: "TWS \(error.code): \(error.text)"))
        case 161, 10147:
            report(id, .requestRefused(reason: "TWS \(error.code): \(error.text)"))
        default: break
        }
    }

    /// After a (re)connection: fills we missed, then every open order of ours TWS no longer has.
    mutating func reconcile(_ snapshot: IBKRReconciliation) {
        for execution in snapshot.executions { self.execution(execution) }
        for report in snapshot.commissions.values { commission(report) }
        for (execID, pending) in pendingFills where snapshot.executions.contains(where: { $0.execID == execID }) {
            _ = pending
            commission(TWSCommissionReport(execID: execID, commission: .zero, currency: "USD", realizedPnL: nil))
        }
        for status in snapshot.orderStatuses.values { self.status(status) }
        let live = Set(snapshot.openOrders.map(\.order.orderID))
        for (id, order) in orders where !order.state.isTerminal && !live.contains(order.twsID) {
            setState(id, .cancelled, .cancelled(reason: "not at TWS after the reconnection; not resubmitted"))
        }
    }
}
