extension StrategyDecoder {
    static let modelKeys = [
        "grammar", "timeout_ms", "max_reply_chars", "max_request_ms", "max_think_tokens", "on_think_budget", "temperature",
        "context_tokens",
    ]

    /// The ranges the command line enforces too, so a file cannot set what a flag may not.
    static let timeoutRange: ClosedRange<Int64> = 1...3_600_000
    static let replyCharsRange: ClosedRange<Int64> = 1...100_000_000
    static let temperatureRange: ClosedRange<Double> = 0...2
    static let contextRange: ClosedRange<Int64> = 256...1_048_576

    mutating func decodeModel(_ node: YAMLNode) -> ModelSettings {
        var settings = ModelSettings()
        guard let pairs = mapping(node, "'model'", example: "model: { grammar: commands, timeout_ms: 30000 }") else {
            return settings
        }
        checkKeys(pairs, in: node, allowed: Self.modelKeys, required: [], context: "'model'")
        if let n = pairs.value("grammar"), let word = text(n, key: "grammar") {
            if let grammar = ModelSettings.Grammar(rawValue: word) {
                settings.grammar = grammar
            } else {
                unknownWord(n, word, key: "grammar", among: ModelSettings.Grammar.allCases.map(\.rawValue))
            }
        }
        if let n = pairs.value("timeout_ms") {
            settings.timeoutMs = integer(n, key: "timeout_ms", range: Self.timeoutRange)
        }
        if let n = pairs.value("max_reply_chars"),
            let v = integer(n, key: "max_reply_chars", range: Self.replyCharsRange)
        {
            settings.maxReplyChars = Int(v)
        }
        if let n = pairs.value("max_request_ms") {
            settings.maxRequestMs = integer(n, key: "max_request_ms", range: Self.timeoutRange)
        }
        if let n = pairs.value("max_think_tokens"), let v = integer(n, key: "max_think_tokens", range: ThinkBudget.tokenRange) {
            settings.maxThinkTokens = Int(v)
        }
        if let n = pairs.value("on_think_budget"), let word = text(n, key: "on_think_budget") {
            if let action = ThinkBudget.Exhausted(rawValue: word) {
                settings.onThinkBudget = action
            } else {
                unknownWord(n, word, key: "on_think_budget", among: ThinkBudget.Exhausted.allCases.map(\.rawValue))
            }
        }
        if let n = pairs.value("temperature") {
            settings.temperature = number(n, key: "temperature", range: Self.temperatureRange)
        }
        if let n = pairs.value("context_tokens"), let v = integer(n, key: "context_tokens", range: Self.contextRange) {
            settings.contextTokens = Int(v)
        }
        if settings.onThinkBudget != nil, settings.maxThinkTokens == nil, let n = pairs.value("on_think_budget") {
            error(
                n, "'on_think_budget' says what a spent think budget does, but there is no budget",
                fixIt: "add max_think_tokens: 512 (or remove on_think_budget)")
        }
        return settings
    }
}
