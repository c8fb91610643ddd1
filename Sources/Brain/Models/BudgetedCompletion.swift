public import Strategy

/// What a think budget did to one decision (journaled with the reply as `think_budget`).
public struct ThinkBudgetUse: Hashable, Sendable {
    /// The budget, in reasoning tokens.
    public var limit: Int
    /// Reasoning tokens streamed when the first request was stopped.
    public var spent: Int
    /// What followed: a forced answer, or a `WAIT`.
    public var action: ThinkBudget.Exhausted
    /// The first request, from sending it to closing its stream.
    public var thinking: Duration
    /// The forced answer's request; nil under `wait`.
    public var answering: Duration?
}

/// A reply, and what the think budget did to it.
public struct BudgetedReply: Sendable {
    /// The reply to parse: a forced answer's text with the reasoning that led to it, their latencies
    /// added (what the decision cost); under `wait`, the cut reply, to be a `WAIT`.
    public var reply: ModelReply
    /// Nil when the model answered within its budget (or had none).
    public var budget: ThinkBudgetUse?

    public init(reply: ModelReply, budget: ThinkBudgetUse?) {
        self.reply = reply
        self.budget = budget
    }

    /// True when the budget was spent and the policy says `wait`: the command is a `WAIT`.
    public var waits: Bool { budget?.action == .wait }

    /// The reply taken apart; under a spent `wait` budget, a `WAIT` that says so.
    public var parsed: ParsedReply {
        guard let budget, budget.action == .wait else { return CommandParser.parse(reply.answer, reasoning: reply.reasoning) }
        let reason = "think budget spent: \(budget.spent) reasoning tokens of \(budget.limit) without an answer"
        return ParsedReply(outcome: .success(.wait(reason: reason)), raw: reply.answer, reasoning: reply.reasoning, answer: "")
    }
}

extension ThinkBudgetUse: CustomStringConvertible {
    /// `spent 520 of 512 reasoning tokens in 14.2 s; forced answer in 0.6 s`.
    public var description: String {
        let then = answering.map { "forced answer in \($0.secondsText)" } ?? "WAIT"
        return "spent \(spent) of \(limit) reasoning tokens in \(thinking.secondsText); \(then)"
    }
}

extension ModelReply {
    /// The finish reason of a forced answer's combined reply: a recorded run replays it as it is.
    public static let forcedAnswerReason = "think_budget_forced_answer"
}

extension LanguageModel {
    /// Completes `request` under `budget`: the stream is stopped once the reasoning passes
    /// `budget.maxTokens` (and the server is asked to stop at that plus room for an answer); then
    /// either a second request continues the reply from the reasoning so far, closed with
    /// `</think>`, with room for one command only (under a grammar, the commands grammar), or the
    /// decision is a `WAIT`.
    /// - Throws: what `complete` throws; a forced answer's failure names the spent budget.
    public func complete(_ request: ModelRequest, budget: ThinkBudget?) async throws -> BudgetedReply {
        guard let budget else { return BudgetedReply(reply: try await complete(request), budget: nil) }
        var first = request
        first.thinkBudget = budget.maxTokens
        if first.maxTokens == nil { first.maxTokens = budget.maxTokens + ThinkBudget.answerTokens }
        let reply = try await complete(first)
        guard let reasoning = Self.reasoningOfSpentBudget(reply) else { return BudgetedReply(reply: reply, budget: nil) }
        var use = ThinkBudgetUse(
            limit: budget.maxTokens, spent: reply.reasoningTokens ?? 0, action: budget.onExhausted, thinking: reply.latency)
        guard budget.onExhausted == .forceAnswer else { return BudgetedReply(reply: reply, budget: use) }
        var forced = request
        forced.messages.append(ChatMessage(role: .assistant, content: "<think>\n\(reasoning)\n</think>\n\n"))
        forced.continuesLastMessage = true
        forced.maxTokens = ThinkBudget.answerTokens
        if forced.grammar != nil { forced.grammar = CommandGrammar.commands }
        let left = request.limits.maxRequestTime - reply.latency
        forced.limits.maxRequestTime = max(.milliseconds(1), left)
        let answer: ModelReply
        do {
            answer = try await complete(forced)
        } catch let error as ModelError {
            throw ModelError(
                error.kind,
                "the reasoning spent its think budget (\(use.spent) of \(budget.maxTokens) tokens) and the forced "
                    + "answer failed: \(error.message)")
        }
        use.answering = answer.latency
        var combined = answer
        combined.reasoning = reasoning
        combined.latency = reply.latency + answer.latency
        combined.timeToFirstToken = reply.timeToFirstToken
        combined.promptTokens = reply.promptTokens
        combined.completionTokens = reply.completionTokens.flatMap { a in answer.completionTokens.map { a + $0 } }
        combined.reasoningTokens = reply.reasoningTokens
        combined.cachedPromptTokens = reply.cachedPromptTokens
        combined.finishReason = ModelReply.forcedAnswerReason
        return BudgetedReply(reply: combined, budget: use)
    }

    /// The reasoning of a reply stopped by its think budget (by the client, or by the server's token
    /// cap before any answer); nil when the reply answered.
    static func reasoningOfSpentBudget(_ reply: ModelReply) -> String? {
        let split = ThinkSplitter.split(reply.answer)
        let cut = reply.finishReason == ModelReply.thinkBudgetReason
        let cappedBeforeAnswer =
            reply.finishReason == "length" && (split.unterminated || ThinkSplitter.trimmed(split.answer).isEmpty)
        guard cut || cappedBeforeAnswer else { return nil }
        // Text outside any tag, cut before its answer, is reasoning the template opened unseen.
        let untagged = split.reasoning == nil && reply.reasoning == nil ? split.answer : nil
        let parts = [reply.reasoning, split.reasoning, untagged].compactMap { $0 }.map(ThinkSplitter.trimmed).filter { !$0.isEmpty }
        return parts.joined(separator: "\n")
    }
}
