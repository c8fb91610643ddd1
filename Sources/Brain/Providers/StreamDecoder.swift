/// Turns the lines of a streaming reply into a `ModelReply`.
protocol StreamDecoder: Sendable {
    /// Takes one complete line of the body.
    mutating func consume(line: [UInt8]) throws(ModelError)
    /// Called once the body ended; throws when the stream was cut short.
    mutating func finish() throws(ModelError)
    /// Characters of reasoning and answer received so far; kept as a count, read on every chunk.
    var received: Int { get }
    /// The first characters received, for the message of a request that failed part-way.
    var beginning: String { get }
    /// Bytes held for an event not yet complete (an SSE event's `data:` lines before its blank line).
    var pendingBytes: Int { get }
    /// The reasoning streamed so far, for the think budget.
    var meter: ReasoningMeter { get }
    /// When the first reasoning or answer text arrived.
    var firstTextAt: ContinuousClock.Instant? { get }
    /// The reply, valid after `finish()`.
    func reply(model: String, latency: Duration, timeToFirstToken: Duration?) -> ModelReply
}

// MARK: - Defaults

extension StreamDecoder {
    var pendingBytes: Int { 0 }

    /// Characters of a failed reply that its error message (and so the journal) keeps.
    static var beginningLength: Int { 200 }

    /// The first `beginningLength` characters: the reasoning, then the answer.
    static func beginning(reasoning: String, answer: String) -> String {
        let head = String(reasoning.prefix(beginningLength))
        let rest = beginningLength - head.count
        return rest > 0 ? head + answer.prefix(rest) : head
    }
}
