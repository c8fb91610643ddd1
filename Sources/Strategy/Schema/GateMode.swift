/// How the gate judges an entry that arrives after the state it was asked about (`gate:`).
public enum GateMode: String, Hashable, Sendable, CaseIterable {
    /// The side's entry checklist must pass on the state at arrival (the seed's rule; for models
    /// that answer well inside a setup's life).
    case arrival
    /// The checklist passed on the state the model was asked about, and at arrival nothing has
    /// invalidated the setup: no exit rule of the side fires, the chase guard does not hold, the
    /// touch has not run past the limit by more than `max_slippage`, and the stop is still within
    /// `max_risk_per_share` of the touch (for a model slower than the setups it trades).
    case hold

    /// `max_decision_age_ms` when the file leaves it out: the seed's 1 s for `arrival`; 30 s for
    /// `hold`, the top of a reasoning model's 5–30 s on a laptop (docs/LLM.md), past which the
    /// market the question described is gone whatever the setup's rules say.
    public var defaultMaxDecisionAgeMs: Int64 {
        switch self {
        case .arrival: 1_000
        case .hold: 30_000
        }
    }
}
