/// Turns the lines of a streaming reply into a `ModelReply`.
protocol StreamDecoder: Sendable {
    /// Takes one complete line of the body.
    mutating func consume(line: [UInt8]) throws(ModelError)
    /// Called once the body ended; throws when the stream was cut short.
    mutating func finish() throws(ModelError)
    /// Characters of reasoning and answer received so far.
    var received: Int { get }
    /// When the first reasoning or answer text arrived.
    var firstTextAt: ContinuousClock.Instant? { get }
    /// The reply, valid after `finish()`.
    func reply(model: String, latency: Duration, timeToFirstToken: Duration?) -> ModelReply
}
