/// How the strategy asks its model, from the file's `model:` section. Every field is optional: one
/// the file leaves out takes the command line's value, or the built-in default (docs/LLM.md).
public struct ModelSettings: Hashable, Sendable {
    /// Which GBNF grammar constrains the reply (llama.cpp servers).
    public enum Grammar: String, Hashable, Sendable, CaseIterable {
        /// Free text.
        case none
        /// Exactly one command (`--grammar`).
        case commands
        /// One `<think>` block, then one command (`--grammar-think`).
        case think
    }

    public var grammar: Grammar?
    /// Milliseconds one attempt's reply may take (`--timeout`, in seconds there).
    public var timeoutMs: Int64?
    /// Characters of reasoning plus answer a reply may hold (`--max-reply-chars`).
    public var maxReplyChars: Int?
    /// Milliseconds the whole request may take, a retry included (`--max-request-ms`).
    public var maxRequestMs: Int64?
    /// Reasoning tokens one question may spend (`--max-think-tokens`); nil: no budget.
    public var maxThinkTokens: Int?
    /// What a spent budget does (`--on-think-budget`); nil: `force_answer`.
    public var onThinkBudget: ThinkBudget.Exhausted?
    /// Sampling temperature (`--temperature`); nil: 0, the most repeatable decisions.
    public var temperature: Double?
    /// The context window in tokens (`--context-tokens`), sent to ollama as `num_ctx`; a llama.cpp
    /// or vLLM server fixes it when it starts (`-c`, `--max-model-len`).
    public var contextTokens: Int?

    public init(
        grammar: Grammar? = nil, timeoutMs: Int64? = nil, maxReplyChars: Int? = nil, maxRequestMs: Int64? = nil,
        maxThinkTokens: Int? = nil, onThinkBudget: ThinkBudget.Exhausted? = nil, temperature: Double? = nil,
        contextTokens: Int? = nil
    ) {
        self.grammar = grammar
        self.timeoutMs = timeoutMs
        self.maxReplyChars = maxReplyChars
        self.maxRequestMs = maxRequestMs
        self.maxThinkTokens = maxThinkTokens
        self.onThinkBudget = onThinkBudget
        self.temperature = temperature
        self.contextTokens = contextTokens
    }
}
