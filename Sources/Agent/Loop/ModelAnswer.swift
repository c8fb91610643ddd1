public import Brain
import MarketData

/// The model's answer to a `Consultation`, as the runner hands it back to the loop.
public struct ModelAnswer: Sendable {
    /// The `Consultation.id` it answers.
    public var consultation: Int
    /// The reply taken apart; nil when the model failed to answer at all.
    public var reply: ParsedReply?
    /// Why there is no reply (a server error, a timeout), in words the user can act on.
    public var failure: String?
    /// Question to answer, as measured (or as `--latency` charges it).
    public var latency: Duration
    /// The brain's record of the reply, for the journal (which `RecordedModel` replays).
    public var record: ModelReplyRecord?
    /// What the think budget did, when it was spent.
    public var thinkBudget: ThinkBudgetUse?

    public init(
        consultation: Int, reply: ParsedReply?, failure: String? = nil, latency: Duration, record: ModelReplyRecord? = nil,
        thinkBudget: ThinkBudgetUse? = nil
    ) {
        self.consultation = consultation
        self.reply = reply
        self.failure = failure
        self.latency = latency
        self.record = record
        self.thinkBudget = thinkBudget
    }

    /// The command to judge: a failure or a parse failure is a `WAIT` with its reason.
    public var command: Command {
        if let reply { return reply.command }
        return .wait(reason: "no answer: \(failure ?? "the model failed")")
    }
}
