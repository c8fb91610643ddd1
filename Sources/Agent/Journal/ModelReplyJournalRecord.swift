public import Brain
public import MarketData

/// `{"type":"model_reply",…}`: what came back for one question. The brain's `ModelReplyRecord` fields
/// are kept as they are (so `RecordedModel` can replay the run) and the loop adds when the answer
/// arrived, which question it answers and the latency the run charged for it.
public struct ModelReplyJournalRecord: Sendable {
    /// The reply as the brain records it; nil when the model failed to answer at all.
    public var reply: ModelReplyRecord?
    /// When the answer reached the loop.
    public var time: Timestamp
    /// The `Consultation.id` it answers.
    public var question: Int
    public var askedAt: Timestamp
    /// The latency charged in the run's time (measured, or what `--latency` says).
    public var chargedLatency: Duration
    /// Why there is no reply, in words the user can act on.
    public var failure: String?
    /// What the think budget did, when the reasoning spent it.
    public var thinkBudget: ThinkBudgetUse?

    public init(
        reply: ModelReplyRecord?, time: Timestamp, question: Int, askedAt: Timestamp, chargedLatency: Duration,
        failure: String?, thinkBudget: ThinkBudgetUse? = nil
    ) {
        self.reply = reply
        self.time = time
        self.question = question
        self.askedAt = askedAt
        self.chargedLatency = chargedLatency
        self.failure = failure
        self.thinkBudget = thinkBudget
    }

    /// The journal line: `type` first, the brain's fields in the order its encoder sorts them (a nil
    /// one left out, as that encoder does), then the loop's keys.
    public var line: JSONLine {
        var line = JSONLine(type: RecordType.modelReply)
        if let reply {
            line.field("answer", reply.answer)
            if let cached = reply.cachedPromptTokens { line.field("cached_prompt_tokens", cached) }
            if let tokens = reply.completionTokens { line.field("completion_tokens", tokens) }
            if let reason = reply.finishReason { line.field("finish_reason", reason) }
            line.field("latency_us", reply.latencyMicroseconds)
            line.field("model", reply.model)
            line.field("prompt_hash", reply.promptHash)
            if let tokens = reply.promptTokens { line.field("prompt_tokens", tokens) }
            if let reasoning = reply.reasoning { line.field("reasoning", reasoning) }
            if let ttft = reply.ttftMicroseconds { line.field("ttft_us", ttft) }
        }
        line.time(time)
        line.field("id", question)
        line.field("asked_ns", askedAt.nanos)
        line.field("charged_latency_ms", Double(chargedLatency.nanosecondCount) / 1e6)
        line.field("failure", failure)
        if let use = thinkBudget {
            var budget = JSONLine()
            budget.field("limit", use.limit)
            budget.field("spent", use.spent)
            budget.field("action", use.action.rawValue)
            budget.field("thinking_ms", Double(use.thinking.nanosecondCount) / 1e6)
            if let answering = use.answering { budget.field("answer_ms", Double(answering.nanosecondCount) / 1e6) }
            line.field("think_budget", object: budget)
        }
        return line
    }
}
