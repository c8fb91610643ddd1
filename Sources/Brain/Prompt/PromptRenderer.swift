public import StateVector
public import Strategy

/// Renders the decision prompt of a strategy for one state.
///
/// The system message (role, rules, risk limits, output format) is rendered once from the strategy
/// and never changes between ticks, so a server keeps it in its prompt cache; the user message
/// holds what changes (history, market, account, orders).
public struct PromptRenderer: Sendable {
    public let template: PromptTemplate
    /// The rendered system message.
    public let systemPrompt: String
    private let definition: StrategyDefinition

    public init(strategy: StrategyDefinition, template: PromptTemplate) {
        self.template = template
        self.definition = strategy
        var statics: [Placeholder: String] = [:]
        statics[.strategyName] = "\(strategy.name) v\(strategy.version)"
        statics[.entryRulesLong] = RulesText.entries(strategy.longEntries)
        statics[.entryRulesShort] = RulesText.entries(strategy.shortEntries)
        statics[.exitRules] = RulesText.exits(strategy)
        statics[.edgeCases] = RulesText.hints(strategy.hints)
        statics[.riskRules] = RulesText.risk(strategy.risk)
        self.systemPrompt = Self.fill(template.system) { statics[$0] ?? "" }
    }

    /// The system and user messages for `state`.
    /// - Parameter checklist: the checklist on `state`, for `{{active_hints}}`; nil renders all hints
    ///   as possibly active.
    public func messages(for state: StateVector, checklist: Checklist? = nil) -> [ChatMessage] {
        let context = Self.fill(template.context) { placeholder in
            switch placeholder {
            case .history: RulesText.history(state.history)
            case .marketStateJSON: StateVectorEncoder.encodeMarket(state)
            case .accountStateJSON: StateVectorEncoder.encodeAccount(state)
            case .activeOrdersJSON: StateVectorEncoder.encodeActiveOrders(state)
            case .activeHints: RulesText.hints(checklist?.activeHints ?? definition.hints)
            case .strategyName: "\(definition.name) v\(definition.version)"
            case .entryRulesLong: RulesText.entries(definition.longEntries)
            case .entryRulesShort: RulesText.entries(definition.shortEntries)
            case .exitRules: RulesText.exits(definition)
            case .edgeCases: RulesText.hints(definition.hints)
            case .riskRules: RulesText.risk(definition.risk, at: state.market.last)
            }
        }
        guard let now = RulesText.distancesNow(definition.risk, last: state.market.last) else {
            return [.system(systemPrompt), .user(context)]
        }
        return [.system(systemPrompt), .user(context + (context.hasSuffix("\n") ? "" : "\n") + now + "\n")]
    }

    /// The prompt as one text, as `--show-prompt` prints it and a journal would store it.
    public func text(for state: StateVector, checklist: Checklist? = nil) -> String {
        messages(for: state, checklist: checklist).map(\.content).joined(separator: "\n\n")
    }

    private static func fill(_ segments: [PromptTemplate.Segment], _ value: (Placeholder) -> String) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text): out += text
            case .placeholder(let placeholder): out += value(placeholder)
            }
        }
        return out
    }
}
