/// The `{{name}}` placeholders a prompt template may use.
public enum Placeholder: String, CaseIterable, Hashable, Sendable {
    // Static: rendered once from the strategy, so they may stand in the cached system part.
    case strategyName = "strategy_name"
    case entryRulesLong = "entry_rules_long"
    case entryRulesShort = "entry_rules_short"
    case exitRules = "exit_rules"
    case edgeCases = "edge_cases"
    case riskRules = "risk_rules"
    // Per tick: they change with every state, so they belong after `</system>`.
    case history
    case marketStateJSON = "market_state_json"
    case accountStateJSON = "account_state_json"
    case activeOrdersJSON = "active_orders_json"
    case activeHints = "active_hints"

    /// True for the placeholders whose text changes with every state.
    public var changesEveryTick: Bool {
        switch self {
        case .history, .marketStateJSON, .accountStateJSON, .activeOrdersJSON, .activeHints: true
        default: false
        }
    }

    /// Placeholders every template must place: without them the model would not see the rules the
    /// checklist enforces, or the state it must judge.
    public static let required: [Placeholder] = [
        .entryRulesLong, .entryRulesShort, .exitRules, .riskRules, .marketStateJSON, .accountStateJSON,
    ]

    /// `{{name}}`.
    public var spelling: String { "{{\(rawValue)}}" }
}
