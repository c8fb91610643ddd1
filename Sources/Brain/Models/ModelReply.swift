/// A complete model reply and what it cost.
public struct ModelReply: Hashable, Sendable {
    /// The answer text (may still hold a `<think>` block when the server sends reasoning inline).
    public var answer: String
    /// Reasoning the server sent apart from the answer; nil when none.
    public var reasoning: String?
    /// Tokens of the prompt as the server counted them (nil when it did not say).
    public var promptTokens: Int?
    /// Tokens generated, reasoning included.
    public var completionTokens: Int?
    /// From sending the request to the first reasoning or answer text; nil when none arrived.
    public var timeToFirstToken: Duration?
    /// From sending the request to the end of the stream.
    public var latency: Duration
    /// The model that answered, as the caller named it.
    public var model: String
    /// Why generation stopped (`stop`, `length`, …) when the server said; `thinkBudgetReason` when
    /// the client stopped it.
    public var finishReason: String?
    /// Reasoning tokens streamed, as `ReasoningMeter` estimates them; nil when none.
    public var reasoningTokens: Int?
    /// Prompt tokens the server reused from its cache, when it says (llama.cpp's `timings.cache_n`,
    /// `usage.prompt_tokens_details.cached_tokens`); ollama does not say.
    public var cachedPromptTokens: Int?

    /// The finish reason of a reply whose reasoning ran past `ModelRequest.thinkBudget`.
    public static let thinkBudgetReason = "think_budget"

    public init(
        answer: String, reasoning: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil,
        timeToFirstToken: Duration? = nil, latency: Duration, model: String, finishReason: String? = nil,
        reasoningTokens: Int? = nil, cachedPromptTokens: Int? = nil
    ) {
        self.answer = answer
        self.reasoning = reasoning
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.timeToFirstToken = timeToFirstToken
        self.latency = latency
        self.model = model
        self.finishReason = finishReason
        self.reasoningTokens = reasoningTokens
        self.cachedPromptTokens = cachedPromptTokens
    }
}
