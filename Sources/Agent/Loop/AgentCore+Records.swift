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
                for request in requests { write(OrderJournalRecord.submitted(request, at: time).line) }
                lastEvent = "\(time.clock) submitted " + requests.map(\.summary).joined(separator: ", ")
            case .modifyRequested(let id, let price):
                changed = true
                write(OrderJournalRecord.modifyRequested(id, price: price, at: time).line)
            case .cancelRequested(let id, let reason):
                changed = true
                write(OrderJournalRecord.cancelRequested(id, reason: reason, at: time).line)
            case .flattenStarted(let reason):
                changed = true
                write(OrderJournalRecord.flattenStarted(reason: reason, at: time).line)
                lastEvent = "\(time.clock) cancel all and flatten: \(reason)"
            case .flattenCompleted:
                changed = true
                write(OrderJournalRecord.flattenCompleted(at: time).line)
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
        if changed { writeSnapshot(at: time) }
    }

    private func recordReport(_ report: ExecutionReport) {
        let role = execution.orders.orders[report.orderID]?.request.role
        write(OrderJournalRecord.report(report, role: role).line)
        guard case .fill(let fill) = report.event else { return }
        statistics.markers.append(
            RunStatistics.Marker(
                time: report.time, price: fill.price, kind: fill.side == .buy ? .buy : .sell, role: role?.name ?? "?"))
        if let trade = trades.record(fill, at: report.time) { statistics.trades.append(trade) }
        lastEvent = "\(report.time.clock) FILL \(role?.name ?? "") \(fill.side.name) \(fill.quantity) @ \(fill.price.display)"
    }
}
