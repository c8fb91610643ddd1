/// Gathers the replies to the reconciliation requests until each has its end marker.
struct ReconciliationCollector: Sendable {
    let executionsRequestID: Int
    var snapshot = IBKRReconciliation()
    var positionsDone = false
    var openOrdersDone = false
    var executionsDone = false

    init(executionsRequestID: Int) { self.executionsRequestID = executionsRequestID }

    var isComplete: Bool { positionsDone && openOrdersDone && executionsDone }

    var missing: String {
        var names: [String] = []
        if !positionsDone { names.append("positionEnd") }
        if !openOrdersDone { names.append("openOrderEnd") }
        if !executionsDone { names.append("execDetailsEnd") }
        return names.joined(separator: ", ")
    }

    mutating func absorb(_ response: TWSResponse) {
        switch response {
        case .position(let position):
            snapshot.positions.removeAll { $0.account == position.account && $0.contract.conId == position.contract.conId }
            snapshot.positions.append(position)
        case .positionEnd: positionsDone = true
        case .openOrder(let open):
            snapshot.openOrders.removeAll { $0.order.orderID == open.order.orderID && $0.clientID == open.clientID }
            snapshot.openOrders.append(open)
        case .orderStatus(let status): snapshot.orderStatuses[status.orderID] = status
        case .openOrderEnd: openOrdersDone = true
        case .execution(let reqID, let execution) where reqID == executionsRequestID:
            if !snapshot.executions.contains(where: { $0.execID == execution.execID }) {
                snapshot.executions.append(execution)
            }
        case .commission(let report): snapshot.commissions[report.execID] = report
        case .executionsEnd(let reqID) where reqID == executionsRequestID: executionsDone = true
        default: break
        }
    }
}
