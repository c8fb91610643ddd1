/// A model call that failed, with a message that says what to do about it.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for code that reacts differently (retry, give up, fall back to WAIT).
    public enum Kind: String, Hashable, Sendable {
        /// Nothing listens at the address.
        case connectionRefused
        /// The reply did not complete within the request's timeout.
        case timeout
        /// The server answered with an HTTP error status.
        case httpStatus
        /// The stream ended before its end marker.
        case truncatedStream
        /// The server does not have the model.
        case unknownModel
        /// A chunk of the stream was not the JSON it should be.
        case invalidChunk
        /// The server reported an error inside the stream.
        case serverError
        /// The request asks for something this provider cannot do.
        case unsupported
        /// A recorded journal has no reply for this prompt.
        case notRecorded
        /// A recorded journal could not be read.
        case unreadableRecording
        /// The reply grew past `ReplyLimits.maxCharacters` (or one line past its byte limit).
        case replyTooLong
        /// The server answered with a redirect, which is never followed.
        case redirectRefused
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func connectionRefused(_ url: String, provider: ProviderKind) -> ModelError {
        let start =
            switch provider {
            case .ollama: "start ollama (`ollama serve`, then `ollama pull deepseek-r1:8b` once)"
            case .openAI: "start the server (for a small local one: `scripts/local-model start`)"
            }
        return ModelError(
            .connectionRefused,
            "cannot connect to \(url) (connection refused): \(start), point --model at a running server, "
                + "or pass `--model rules` to decide with the strategy's checklist alone")
    }

    static func timeout(_ url: String, after timeout: Duration, received: Int, beginning: String = "") -> ModelError {
        let progress = received == 0 ? "nothing arrived" : "\(received) characters arrived, the reply was not finished"
        return ModelError(
            .timeout,
            "no complete reply from \(url) within \(timeout.secondsText) (\(progress)): raise --timeout (or "
                + "`timeout_ms` in the strategy's `model:` section), use a smaller model, or check that the server "
                + "is not busy\(Self.quoted(beginning))")
    }

    /// The ceiling over the whole request (`ReplyLimits.maxRequestTime`) passed.
    static func requestTooLong(_ url: String, limit: Duration, received: Int, beginning: String) -> ModelError {
        let progress = received == 0 ? "nothing arrived" : "\(received) characters arrived"
        return ModelError(
            .timeout,
            "the request to \(url) passed its limit of \(limit.secondsText) in all (\(progress)): raise "
                + "--max-request-ms (or `max_request_ms` in the strategy's `model:` section), or check the "
                + "server\(Self.quoted(beginning))")
    }

    /// The reply passed `ReplyLimits.maxCharacters`, or one line of it the byte limit that follows.
    static func replyTooLong(_ url: String, limit: Int, received: Int, beginning: String) -> ModelError {
        ModelError(
            .replyTooLong,
            "the reply from \(url) passed \(limit) characters without ending (\(received) arrived): a runaway "
                + "generation, not a decision; cap it with the server's max_tokens / num_predict, or raise "
                + "--max-reply-chars (or `max_reply_chars` in the strategy's `model:` section)"
                + Self.quoted(beginning))
    }

    /// One line of the body passed `ReplyLimits.maxLineBytes` before its newline.
    static func lineTooLong(_ url: String, limit: Int, beginning: String) -> ModelError {
        ModelError(
            .replyTooLong,
            "a line of the reply from \(url) passed \(limit) bytes without ending: not a stream of chunks, or a "
                + "runaway generation; raise --max-reply-chars (or `max_reply_chars` in the strategy's `model:` "
                + "section) if the server really sends that much at once\(Self.quoted(beginning))")
    }

    static func redirectRefused(_ url: String, status: UInt, location: String?) -> ModelError {
        let target = location.map { " to \($0)" } ?? ""
        return ModelError(
            .redirectRefused,
            "HTTP \(status) from \(url) redirects\(target): redirects are not followed, so the prompt is never "
                + "sent to an address you did not name; point --model at the server that answers")
    }

    /// The text that arrived before a failure, for the journal: what the server was saying.
    private static func quoted(_ beginning: String) -> String {
        beginning.isEmpty ? "" : "; the reply began: `\(beginning)`"
    }

    static func http(_ status: UInt, url: String, body: String, hint: String? = nil) -> ModelError {
        let excerpt = body.isEmpty ? "(empty body)" : String(body.prefix(300))
        let advice = hint.map { ": \($0)" } ?? ""
        return ModelError(.httpStatus, "HTTP \(status) from \(url): \(excerpt)\(advice)")
    }

    static func truncated(_ url: String, received: Int, marker: String) -> ModelError {
        ModelError(
            .truncatedStream,
            "the stream from \(url) ended after \(received) characters without \(marker): the server closed "
                + "the connection or crashed mid-reply; check its log and retry")
    }

    static func invalidChunk(_ url: String, chunk: String, detail: String) -> ModelError {
        ModelError(
            .invalidChunk,
            "invalid JSON in a stream chunk from \(url): `\(String(chunk.prefix(200)))` (\(detail)); "
                + "is this the right kind of server for the --model prefix (ollama: vs openai:)?")
    }
}

/// The wire protocol a provider speaks.
enum ProviderKind: Sendable {
    case ollama, openAI
}

extension Duration {
    /// `2.5 s`, `120 ms`.
    public var secondsText: String {
        let milliseconds = Int64(components.seconds) * 1000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = (milliseconds + 50) / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }

    /// Milliseconds as a Double, for JSON.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
