/// How much a reasoning model may think about one question, and what happens when it has thought
/// that much without answering (`model.max_think_tokens`, `model.on_think_budget`).
///
/// A reasoning model writes hundreds to thousands of tokens before its command; at a laptop's
/// 20–40 tokens a second that is the 5–30 s a setup does not live. The budget stops the stream
/// there, so the decision's time is bounded by what the trader chose, not by the model's mood.
public struct ThinkBudget: Hashable, Sendable {
    /// What a spent budget does.
    public enum Exhausted: String, Hashable, Sendable, CaseIterable {
        /// Ask once more with the reasoning so far as the start of the answer, closed, and room
        /// for a command only: the model must decide now.
        case forceAnswer = "force_answer"
        /// Give up the question: the answer is a `WAIT`.
        case wait
    }

    /// Reasoning tokens before the stream is stopped.
    public var maxTokens: Int
    public var onExhausted: Exhausted

    /// The most tokens a forced answer may take: the longest command is about 30 tokens.
    public static let answerTokens = 64
    /// The range a file and the command line accept.
    public static let tokenRange: ClosedRange<Int64> = 1...100_000

    public init(maxTokens: Int, onExhausted: Exhausted = .forceAnswer) {
        self.maxTokens = max(1, maxTokens)
        self.onExhausted = onExhausted
    }
}
