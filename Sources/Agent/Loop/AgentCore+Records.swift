import Execution
import MarketData

extension AgentCore {
    /// Journals what the execution layer did, feeds fills to the statistics, and after any change
    /// writes the execution snapshot that a restart restores.
    func record(_ events: [ExecutionEvent], at time: Timestamp) {
        guard !events.isEmpty else { return }
        var changed = false
        for event in events {
            switch event {
            case .submitted(let requests):
                changed = true
                for request in requests {
                    var line = order("submit", request.id, at: time)
                    line.field("role", request.role.name)
                    line.field("side", request.side.name)
                    line.field("order_type", request.type.name)
                    line.field("price", price: request.price)
                    line.field("qty", request.quantity)
                    line.field("parent", request.parent?.rawValue)
                    write(line)
                }
                lastEvent = "\(time.clock) submitted " + requests.map(\.summary).joined(separator: ", ")
            case .modifyRequested(let id, let price):
                changed = true
                var line = order("modify", id, at: time)
                line.field("price", price: price)
                write(line)
            case .cancelRequested(let id, let reason):
                changed = true
                var line = order("cancel", id, at: time)
                line.field("reason", reason)
                write(line)
            case .flattenStarted(let reason):
                changed = true
                var line = JSONLine(type: RecordType.order)
                line.time(time)
                line.field("action", "flatten")
                line.field("reason", reason)
                write(line)
                lastEvent = "\(time.clock) cancel all and flatten: \(reason)"
            case .flattenCompleted:
                changed = true
                var line = JSONLine(type: RecordType.order)
                line.time(time)
                line.field("action", "flat")
                write(line)
            case .report(let report):
                changed = true
                recordReport(report)
            case .halted(let halt):
                changed = true
                statistics.halts += 1
                write(JournalRecords.halt(halt))
                lastEvent = "\(halt.time.clock) HALT: \(halt.reason)"
            }
        }
        if changed { write(JournalRecords.snapshot(execution.snapshot, at: time)) }
    }

    private func order(_ action: String, _ id: ClientOrderID, at time: Timestamp) -> JSONLine {
        var line = JSONLine(type: RecordType.order)
        line.time(time)
        line.field("action", action)
        line.field("id", id.rawValue)
        return line
    }

    private func recordReport(_ report: ExecutionReport) {
        let role = execution.orders.orders[report.orderID]?.request.role
        switch report.event {
        case .fill(let fill):
            var line = JSONLine(type: RecordType.fill)
            line.time(report.time)
            line.field("id", report.orderID.rawValue)
            line.field("role", role?.name)
            line.field("side", fill.side.name)
            line.field("price", price: fill.price)
            line.field("qty", fill.quantity)
            line.field("commission", price: fill.commission)
            line.field("liquidity", fill.addedLiquidity ? "added" : "removed")
            line.field("execution_id", fill.executionID)
            line.field("state", report.state.rawValue)
            write(line)
            statistics.markers.append(
                RunStatistics.Marker(
                    time: report.time, price: fill.price, kind: fill.side == .buy ? .buy : .sell, role: role?.name ?? "?"))
            if let trade = trades.record(fill, at: report.time) { statistics.trades.append(trade) }
            lastEvent = "\(report.time.clock) FILL \(role?.name ?? "") \(fill.side.name) \(fill.quantity) @ \(fill.price.display)"
        case .accepted, .updated:
            var line = order("report", report.orderID, at: report.time)
            line.field("event", report.event == .accepted ? "accepted" : "updated")
            line.field("state", report.state.rawValue)
            line.field("working", report.workingQuantity)
            write(line)
        case .modified(let price):
            var line = order("modified", report.orderID, at: report.time)
            line.field("price", price: price)
            write(line)
        case .cancelled(let reason), .rejected(let reason), .requestRefused(let reason):
            var line = order("report", report.orderID, at: report.time)
            line.field("event", Self.eventName(report.event))
            line.field("state", report.state.rawValue)
            line.field("reason", reason)
            write(line)
        }
    }

    private static func eventName(_ event: ExecutionReport.Event) -> String {
        switch event {
        case .accepted: "accepted"
        case .fill: "fill"
        case .updated: "updated"
        case .modified: "modified"
        case .cancelled: "cancelled"
        case .rejected: "rejected"
        case .requestRefused: "request_refused"
        }
    }
}
