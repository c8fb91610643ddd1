/// What one decision asks of a language model.
public struct ModelRequest: Sendable {
    /// The conversation: the rendered system prompt and the changing context.
    public var messages: [ChatMessage]
    /// The whole call, from sending to the last token, must finish within this; then it fails with
    /// `ModelError` of kind `.timeout`.
    public var timeout: Duration
    /// Sampling temperature; 0 (the default) for the most repeatable decisions.
    public var temperature: Double?
    /// Sampling seed, where the server honours one.
    public var seed: Int?
    /// Cap on generated tokens (`num_predict` for ollama, `max_tokens` for OpenAI-compatible).
    public var maxTokens: Int?
    /// Context window (`num_ctx`) for ollama; other servers fix it at start-up.
    public var contextLength: Int?
    /// A GBNF grammar the output must follow (llama.cpp servers); nil for free text.
    public var grammar: String?
    /// The most the reply may hold and the request may last, retry included (`ReplyLimits`).
    public var limits: ReplyLimits
    /// Reasoning tokens (`ReasoningMeter`) the reply may stream before any answer: past them the
    /// stream is closed (the server stops generating) and the reply ends with
    /// `ModelReply.thinkBudgetReason`. Nil: no budget.
    public var thinkBudget: Int?
    /// The last message is the start of the assistant's reply, to be continued rather than answered
    /// (a forced answer after a spent think budget): ollama is asked not to think again, an
    /// OpenAI-compatible server to continue the final message.
    public var continuesLastMessage = false
    /// Called with each piece of reasoning or answer as it streams in, e.g. to show it live.
    public var onEvent: (@Sendable (StreamEvent) -> Void)?

    public init(
        messages: [ChatMessage], timeout: Duration = .seconds(60), temperature: Double? = 0, seed: Int? = nil,
        maxTokens: Int? = nil, contextLength: Int? = nil, grammar: String? = nil, limits: ReplyLimits = .default,
        thinkBudget: Int? = nil, onEvent: (@Sendable (StreamEvent) -> Void)? = nil
    ) {
        self.messages = messages
        self.timeout = timeout
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.contextLength = contextLength
        self.grammar = grammar
        self.limits = limits
        self.thinkBudget = thinkBudget
        self.onEvent = onEvent
    }

    /// The prompt as one canonical text: each message as `<|role|>` on its own line, then its content
    /// and a newline. What `promptHash` digests (docs/LLM.md).
    public var canonicalPrompt: String {
        messages.map { "<|\($0.role.rawValue)|>\n\($0.content)\n" }.joined()
    }

    /// SHA-256 (lowercase hex) of `canonicalPrompt`: the key of recorded replies.
    public var promptHash: String { SHA256.hex(canonicalPrompt) }
}

/// A piece of a streaming reply.
public enum StreamEvent: Hashable, Sendable {
    /// Reasoning text (ollama `thinking`, OpenAI-compatible `reasoning_content`).
    case reasoning(String)
    /// Answer text.
    case answer(String)
}
