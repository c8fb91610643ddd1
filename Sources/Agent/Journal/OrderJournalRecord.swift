import Foundation
public import Execution
public import MarketData
public import StateVector

/// `{"type":"order",…}` and `{"type":"fill",…}`: what the execution layer did with our orders, one
/// case per kind of line, so the loop names the record and this type alone knows its keys.
public enum OrderJournalRecord: Sendable {
    /// An order went to the broker (`action` `submit`).
    case submitted(OrderRequest, at: Timestamp)
    /// We asked the broker to move an order's price (`modify`).
    case modifyRequested(ClientOrderID, price: Price, at: Timestamp)
    /// We asked the broker to cancel an order (`cancel`).
    case cancelRequested(ClientOrderID, reason: String, at: Timestamp)
    /// Cancel everything and flatten began (`flatten`).
    case flattenStarted(reason: String, at: Timestamp)
    /// The flatten is complete (`flat`).
    case flattenCompleted(at: Timestamp)
    /// The broker's report on one order; a fill is its own record type, with the order's role.
    case report(ExecutionReport, role: OrderRole?)

    /// The journal line.
    public var line: JSONLine {
        switch self {
        case .submitted(let request, let time):
            var line = Self.order("submit", request.id, at: time)
            line.field("role", request.role.name)
            line.field("side", request.side.name)
            line.field("order_type", request.type.name)
            line.field("price", price: request.price)
            line.field("qty", request.quantity)
            line.field("parent", request.parent?.rawValue)
            return line
        case .modifyRequested(let id, let price, let time):
            var line = Self.order("modify", id, at: time)
            line.field("price", price: price)
            return line
        case .cancelRequested(let id, let reason, let time):
            var line = Self.order("cancel", id, at: time)
            line.field("reason", reason)
            return line
        case .flattenStarted(let reason, let time):
            var line = JSONLine(type: RecordType.order)
            line.time(time)
            line.field("action", "flatten")
            line.field("reason", reason)
            return line
        case .flattenCompleted(let time):
            var line = JSONLine(type: RecordType.order)
            line.time(time)
            line.field("action", "flat")
            return line
        case .report(let report, let role):
            var line = Self.reportLine(report, role: role)
            // The report itself, exact, for a restart that finds it after the last snapshot.
            line.field("report", rawJSON: Self.encoded(report))
            return line
        }
    }

    private static func encoded(_ report: ExecutionReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private static func reportLine(_ report: ExecutionReport, role: OrderRole?) -> JSONLine {
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
            return line
        case .accepted, .updated:
            var line = order("report", report.orderID, at: report.time)
            line.field("event", report.event == .accepted ? "accepted" : "updated")
            line.field("state", report.state.rawValue)
            line.field("working", report.workingQuantity)
            return line
        case .modified(let price):
            var line = order("modified", report.orderID, at: report.time)
            line.field("price", price: price)
            return line
        case .cancelled(let reason), .rejected(let reason), .requestRefused(let reason):
            var line = order("report", report.orderID, at: report.time)
            line.field("event", eventName(report.event))
            line.field("state", report.state.rawValue)
            line.field("reason", reason)
            return line
        }
    }

    private static func order(_ action: String, _ id: ClientOrderID, at time: Timestamp) -> JSONLine {
        var line = JSONLine(type: RecordType.order)
        line.time(time)
        line.field("action", action)
        line.field("id", id.rawValue)
        return line
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
