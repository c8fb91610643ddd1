import Agent
import ArgumentParser
import Brain
import Strategy

/// `--model`, `--template` and how the model is asked: every command that asks a model (`decide`,
/// `run`, `backtest`) takes the same options, so advice such as "raise --timeout" holds on each.
struct ModelOptions: ParsableArguments {
    @Option(help: "ollama:NAME | ollama:URL#NAME | openai:URL#NAME | recorded:JOURNAL.jsonl | rules.")
    var model: String = ModelSpec.default.description

    @Option(help: "Prompt template (default: prompts/system.md beside the strategies folder, else built in).")
    var template: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Constrain the output to exactly one command with a GBNF grammar (llama.cpp servers); --no-grammar "
                + "overrides the strategy's model.grammar."))
    var grammar: Bool?

    @Flag(help: "Like --grammar, but allow one leading <think> block first (for reasoning models).")
    var grammarThink = false

    @Option(
        help: ArgumentHelp(
            "Seconds the model may take for one whole reply (default: the strategy's model.timeout_ms, else 30; "
                + "120 for decide).", valueName: "seconds"))
    var timeout: Double?

    @Option(
        help: ArgumentHelp(
            "Characters of reasoning plus answer a reply may hold before the request fails (default: the "
                + "strategy's model.max_reply_chars, else 100000).", valueName: "n"))
    var maxReplyChars: Int?

    @Option(
        help: ArgumentHelp(
            "Milliseconds the whole request may take, a retry on a new connection included (default: the "
                + "strategy's model.max_request_ms, else 300000).", valueName: "ms"))
    var maxRequestMs: Int64?

    @Option(
        help: ArgumentHelp(
            "Reasoning tokens a question may spend before the stream is stopped (default: the strategy's "
                + "model.max_think_tokens, else no budget).", valueName: "n"))
    var maxThinkTokens: Int?

    @Option(
        help: ArgumentHelp(
            "What a spent think budget does: force_answer (ask once more, from the reasoning so far, for a command "
                + "only) or wait (default: the strategy's model.on_think_budget, else force_answer).", valueName: "action"))
    var onThinkBudget: String?

    @Option(help: ArgumentHelp("Sampling temperature, 0-2 (default: the strategy's model.temperature, else 0).", valueName: "t"))
    var temperature: Double?

    @Option(
        help: ArgumentHelp(
            "Context window in tokens, sent to ollama as num_ctx (llama.cpp and vLLM fix it at start-up; default: "
                + "the strategy's model.context_tokens, else the server's).", valueName: "n"))
    var contextTokens: Int?

    func validate() throws {
        do {
            _ = try ModelSpec.parse(model)
        } catch {
            throw ValidationError("--model: \(error)")
        }
        if let timeout, !(timeout > 0 && timeout <= 3600) {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
        guard !(grammar == true && grammarThink) else {
            throw ValidationError("choose one of --grammar and --grammar-think")
        }
        if let maxReplyChars, !(1...100_000_000).contains(maxReplyChars) {
            throw ValidationError("--max-reply-chars must be 1...100000000")
        }
        if let maxRequestMs, !(1...3_600_000).contains(maxRequestMs) {
            throw ValidationError("--max-request-ms must be 1...3600000")
        }
        if let maxThinkTokens, !ThinkBudget.tokenRange.contains(Int64(maxThinkTokens)) {
            throw ValidationError("--max-think-tokens must be \(ThinkBudget.tokenRange.lowerBound)...\(ThinkBudget.tokenRange.upperBound)")
        }
        if let onThinkBudget, ThinkBudget.Exhausted(rawValue: onThinkBudget) == nil {
            throw ValidationError(
                "--on-think-budget \(onThinkBudget): expected \(ThinkBudget.Exhausted.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be 0...2") }
        if let contextTokens, !(256...1_048_576).contains(contextTokens) {
            throw ValidationError("--context-tokens must be 256...1048576")
        }
    }

    /// The parsed `--model` (checked in `validate()`).
    func spec() throws(CLIError) -> ModelSpec {
        do {
            return try ModelSpec.parse(model)
        } catch {
            throw .invalidInput("--model: \(error)")
        }
    }

    /// How each request is made once the command line, the strategy and the defaults are merged.
    struct Resolved: Hashable {
        var grammar: ModelSettings.Grammar
        var timeout: Duration
        var limits: ReplyLimits
        var sampling: Decider.Sampling

        /// The GBNF text the request carries.
        var grammarText: String? {
            switch grammar {
            case .none: nil
            case .commands: CommandGrammar.commands
            case .think: CommandGrammar.allowingThink
            }
        }
    }

    /// The command line over the strategy's `model:` section over the defaults.
    /// - Parameter defaultTimeout: the command's own default when neither says.
    func resolved(_ strategy: ModelSettings, defaultTimeout: Duration) -> Resolved {
        let flagGrammar: ModelSettings.Grammar? =
            grammarThink ? .think : grammar.map { $0 ? .commands : .none }
        let timeout =
            self.timeout.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
            ?? strategy.timeoutMs.map { Duration.milliseconds($0) } ?? defaultTimeout
        let limits = ReplyLimits(
            maxCharacters: maxReplyChars ?? strategy.maxReplyChars ?? ReplyLimits.defaultMaxCharacters,
            maxRequestTime: (maxRequestMs ?? strategy.maxRequestMs).map { Duration.milliseconds($0) }
                ?? ReplyLimits.defaultMaxRequestTime)
        let budgetTokens = maxThinkTokens ?? strategy.maxThinkTokens
        let action = onThinkBudget.flatMap(ThinkBudget.Exhausted.init(rawValue:)) ?? strategy.onThinkBudget ?? .forceAnswer
        let sampling = Decider.Sampling(
            temperature: temperature ?? strategy.temperature, contextTokens: contextTokens ?? strategy.contextTokens,
            thinkBudget: budgetTokens.map { ThinkBudget(maxTokens: $0, onExhausted: action) })
        return Resolved(
            grammar: flagGrammar ?? strategy.grammar ?? .none, timeout: timeout, limits: limits, sampling: sampling)
    }

    /// ollama has no grammar option: refused before the first request rather than on every one.
    static func checkGrammar(_ resolved: Resolved, for spec: ModelSpec) throws(CLIError) {
        guard resolved.grammar != .none, case .ollama = spec else { return }
        throw .invalidInput(
            "ollama has no GBNF grammar option: drop --grammar (or the strategy's model.grammar, or pass "
                + "--no-grammar), or use a llama.cpp server with --model openai:URL#NAME")
    }
}
