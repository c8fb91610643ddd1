public import Execution

/// What stopped a setup from becoming a trade, the funnel's last column. A setup's obstacle is the
/// last one met while it lasted (or by the answer to a question asked on it): the final word on why
/// it did not trade.
public enum SetupObstacle: String, Hashable, Sendable, CaseIterable, Comparable {
    /// The model (or the rules) answered WAIT, the other side, or no command.
    case model
    /// The model was still answering a question asked before the setup appeared.
    case modelBusy = "model_busy"
    /// The answer came too late: stale (`max_decision_age_ms`), or the setup was gone (`gate: arrival`)
    /// or invalidated (`gate: hold`) when it arrived.
    case latency
    /// The risk manager's spread guard (`max_spread`).
    case spreadGuard = "spread_guard"
    /// The side's chase guard held entries back while every condition passed.
    case chaseGuard = "chase_guard"
    /// The risk manager's data-age guard (`max_data_age_ms`).
    case dataAge = "data_age"
    /// The day's trades were used up (`max_trades_per_day`).
    case tradeLimit = "trade_limit"
    /// The day was halted (the loss limit, a broker failure, a journal failure).
    case halt
    /// A position or working orders were already open: one position at a time.
    case positionOpen = "position_open"
    /// Entries were blocked: the venue was not ready, or the run was stopping.
    case entriesBlocked = "entries_blocked"
    /// Another risk rule (stop distance, loss budget, slippage, price order, …).
    case risk
    /// The run ended with the question about it still unanswered.
    case unanswered

    /// What stopped setups, as the "why no trades" line says it: `stopped by the spread guard
    /// (max_spread) 41`.
    public var words: String {
        switch self {
        case .model: "the model declining"
        case .modelBusy: "the model busy with an earlier question"
        case .latency: "answers arriving too late"
        case .spreadGuard: "the spread guard (max_spread)"
        case .chaseGuard: "the chase guard"
        case .dataAge: "the data-age guard (max_data_age_ms)"
        case .tradeLimit: "the trade limit (max_trades_per_day)"
        case .halt: "the halt"
        case .positionOpen: "a position already open"
        case .entriesBlocked: "entries blocked (venue not ready, or stopping)"
        case .risk: "other risk rules"
        case .unanswered: "the run ending before the answer"
        }
    }

    public static func < (a: SetupObstacle, b: SetupObstacle) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

extension SetupObstacle {
    /// The funnel's name for a refusal of the risk manager.
    public init(_ refusal: RiskRefusal) {
        switch refusal {
        case .spreadTooWide: self = .spreadGuard
        case .staleData: self = .dataAge
        case .tradeLimit: self = .tradeLimit
        case .halted: self = .halt
        case .positionOpen, .ordersWorking, .flattening: self = .positionOpen
        default: self = .risk
        }
    }
}
