public import MarketData

/// Something the execution layer did or learned, in order, for the journal.
public enum ExecutionEvent: Hashable, Sendable, CustomStringConvertible {
    /// Orders sent to the broker together (a bracket, or a flatten order).
    case submitted([OrderRequest])
    case modifyRequested(ClientOrderID, price: Price)
    case cancelRequested(ClientOrderID, reason: String)
    /// Cancel everything, then flatten once the cancels are confirmed.
    case flattenStarted(reason: String)
    /// The flatten is done: no orders working, no position.
    case flattenCompleted
    /// What the broker said.
    case report(ExecutionReport)
    /// The daily loss limit was reached.
    case halted(Halt)

    public var description: String {
        switch self {
        case .submitted(let orders): "submitted " + orders.map(\.summary).joined(separator: ", ")
        case .modifyRequested(let id, let price): "modify \(id) to \(price.display)"
        case .cancelRequested(let id, let reason): "cancel \(id): \(reason)"
        case .flattenStarted(let reason): "cancel all and flatten: \(reason)"
        case .flattenCompleted: "flat, no orders working"
        case .report(let report): "\(report.orderID) \(report.event) -> \(report.state.rawValue)"
        case .halted(let halt): "HALT: \(halt.reason)"
        }
    }
}
