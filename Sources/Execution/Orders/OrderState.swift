public import StateVector

/// Where an order stands, as a broker reports it. The names follow IBKR's order statuses:
/// `pendingSubmit` (PendingSubmit: sent, not yet acknowledged), `held` (PreSubmitted: a bracket
/// leg waiting for its entry to fill), `working` (Submitted), `partiallyFilled`, `filled`,
/// `cancelled` (Cancelled, ApiCancelled, or an OCA sibling done) and `rejected` (Inactive, error 201).
public enum OrderState: String, Hashable, Sendable, Codable, CaseIterable {
    case pendingSubmit
    case held
    case working
    case partiallyFilled
    case filled
    case cancelled
    case rejected

    /// Filled, cancelled or rejected: nothing more will happen to the order.
    public var isTerminal: Bool {
        switch self {
        case .filled, .cancelled, .rejected: true
        case .pendingSubmit, .held, .working, .partiallyFilled: false
        }
    }

    /// The `ACTIVE_ORDERS` status of a live order; nil for a terminal one.
    public var activeStatus: OrderStatus? {
        switch self {
        case .pendingSubmit, .held: .pending
        case .working: .working
        case .partiallyFilled: .partiallyFilled
        case .filled, .cancelled, .rejected: nil
        }
    }
}
