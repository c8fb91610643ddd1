/// Why a model's reply did not yield a command. The reply then counts as `WAIT` and the journal keeps
/// the raw text; nothing is ever guessed into a trade.
public struct ParseFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. `ENTER_LONG takes 3 prices (limit, stop, target), found 2`.
    public let message: String
    /// The text of the offending command, when there was one.
    public let excerpt: String?

    public init(_ message: String, excerpt: String? = nil) {
        self.message = message
        self.excerpt = excerpt
    }

    public var description: String {
        guard let excerpt else { return "parse failure: \(message)" }
        return "parse failure: \(message) in `\(excerpt)`"
    }
}
