/// How large a model's reply may grow and how long its request may last, whatever the server does.
///
/// A server that streams without end, trickles, or answers megabytes before its command would
/// otherwise hold the decision (and, in a backtest, the data clock) for as long as it likes. Both
/// limits are checked in the streaming reader itself, on every chunk, so a reader busy with data
/// stops as promptly as one waiting for it. Exceeding either is a failed request: the agent waits.
public struct ReplyLimits: Hashable, Sendable {
    /// Characters of reasoning plus answer: 100,000 by default, about 25,000 tokens. That is ten
    /// times what deepseek-r1:8b writes in a 30 s timeout at 75 tokens/s, and far beyond any
    /// command; a reply that long is a runaway generation.
    public static let defaultMaxCharacters = 100_000
    /// The whole request, the connection, a retry on a fresh one and the reply: 300 s by default.
    /// `ModelRequest.timeout` bounds one attempt's reply; this is the ceiling over both attempts.
    public static let defaultMaxRequestTime = Duration.seconds(300)

    public var maxCharacters: Int
    public var maxRequestTime: Duration

    public init(
        maxCharacters: Int = ReplyLimits.defaultMaxCharacters,
        maxRequestTime: Duration = ReplyLimits.defaultMaxRequestTime
    ) {
        self.maxCharacters = max(1, maxCharacters)
        self.maxRequestTime = max(.milliseconds(1), maxRequestTime)
    }

    public static let `default` = ReplyLimits()

    /// Bytes one line of the body may hold before its end: a JSON-escaped character takes at most 6
    /// bytes (`\uXXXX`), and a chunk's envelope (ids, model, usage) some more.
    var maxLineBytes: Int { maxCharacters.multipliedReportingOverflow(by: 6).partialValue + 65_536 }
}
