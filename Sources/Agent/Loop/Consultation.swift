public import MarketData
public import StateVector
public import Strategy

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
    /// Every condition with its readings on `state`, evaluated once at the tick when a model is
    /// asked: the prompt renders it and the journal keeps its call. Nil when the rules decide
    /// alone, which need only the two verdicts (the fast path of a rules-only backtest).
    public let checklist: Checklist?

    public init(
        id: Int, askedAt: Timestamp, state: StateVector, previous: StateVector?, longPassed: Bool, shortPassed: Bool,
        checklist: Checklist? = nil
    ) {
        self.id = id
        self.askedAt = askedAt
        self.state = state
        self.previous = previous
        self.longPassed = longPassed
        self.shortPassed = shortPassed
        self.checklist = checklist
    }

    /// The checklist's call when the question was asked.
    public var call: ChecklistCall { longPassed ? .long : shortPassed ? .short : .none }
}
