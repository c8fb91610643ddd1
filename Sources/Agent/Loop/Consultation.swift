public import MarketData
public import StateVector

/// A question for the model: the state at `askedAt` and whether each side's checklist passed on it.
/// At most one is in flight.
public struct Consultation: Sendable {
    /// Increases by one per question within a run.
    public let id: Int
    public let askedAt: Timestamp
    public let state: StateVector
    /// The tick before, for rules that read `prev(x)`.
    public let previous: StateVector?
    public let longPassed: Bool
    public let shortPassed: Bool

    /// The checklist's call when the question was asked.
    public var call: ChecklistCall { longPassed ? .long : shortPassed ? .short : .none }
}
