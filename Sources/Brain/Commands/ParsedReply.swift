/// A model reply taken apart: its reasoning, its answer, and the command or the reason there is none.
public struct ParsedReply: Hashable, Sendable {
    /// The command, or why the answer held none that can be trusted.
    public let outcome: Result<Command, ParseFailure>
    /// The reply exactly as the model sent it (reasoning field first when there was one).
    public let raw: String
    /// The reasoning: the `<think>` block(s) and/or the separate reasoning field; nil when none.
    public let reasoning: String?
    /// The text after the reasoning, where the command must be.
    public let answer: String

    public init(outcome: Result<Command, ParseFailure>, raw: String, reasoning: String?, answer: String) {
        self.outcome = outcome
        self.raw = raw
        self.reasoning = reasoning
        self.answer = answer
    }

    /// The command to act on: a parse failure is `WAIT` with the failure as its reason.
    public var command: Command {
        switch outcome {
        case .success(let command): command
        case .failure(let failure): .wait(reason: failure.description)
        }
    }

    /// The failure, when the reply held no trustworthy command.
    public var failure: ParseFailure? {
        if case .failure(let failure) = outcome { return failure }
        return nil
    }
}
