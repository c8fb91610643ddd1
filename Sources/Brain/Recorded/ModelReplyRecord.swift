#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The journal line of one model reply, as the agent writes it and `RecordedModel` reads it back
/// (docs/LLM.md "Recorded decisions"):
///
/// `{"answer":"…","completion_tokens":45,"finish_reason":"stop","latency_us":2345678,"model":"ollama:deepseek-r1:8b",
///   "prompt_hash":"<sha256 hex>","prompt_tokens":1600,"reasoning":"…","ttft_us":812345,"type":"model_reply"}`
///
/// Durations are whole microseconds, so a replay charges exactly the latency that was recorded.
/// Readers ignore keys they do not know, so the agent may add its own (a timestamp, a tick id).
public struct ModelReplyRecord: Codable, Hashable, Sendable {
    /// The journal line type.
    public static let typeName = "model_reply"

    public var type: String
    /// `ModelRequest.promptHash` of the request this answers.
    public var promptHash: String
    public var model: String
    public var answer: String
    public var reasoning: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var ttftMicroseconds: Int64?
    public var latencyMicroseconds: Int64
    public var finishReason: String?
    /// Prompt tokens the server reused from its cache, when it said.
    public var cachedPromptTokens: Int?

    enum CodingKeys: String, CodingKey {
        case type, model, answer, reasoning
        case cachedPromptTokens = "cached_prompt_tokens"
        case promptHash = "prompt_hash"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case ttftMicroseconds = "ttft_us"
        case latencyMicroseconds = "latency_us"
        case finishReason = "finish_reason"
    }

    /// The record of `reply` to the prompt with hash `promptHash`.
    public init(promptHash: String, reply: ModelReply) {
        self.type = Self.typeName
        self.promptHash = promptHash
        self.model = reply.model
        self.answer = reply.answer
        self.reasoning = reply.reasoning
        self.promptTokens = reply.promptTokens
        self.completionTokens = reply.completionTokens
        self.ttftMicroseconds = reply.timeToFirstToken.map(Self.microseconds)
        self.latencyMicroseconds = Self.microseconds(reply.latency)
        self.finishReason = reply.finishReason
        self.cachedPromptTokens = reply.cachedPromptTokens
    }

    /// The reply as recorded (durations at microsecond precision).
    public var reply: ModelReply {
        ModelReply(
            answer: answer, reasoning: reasoning, promptTokens: promptTokens, completionTokens: completionTokens,
            timeToFirstToken: ttftMicroseconds.map { .microseconds($0) }, latency: .microseconds(latencyMicroseconds),
            model: model, finishReason: finishReason, cachedPromptTokens: cachedPromptTokens)
    }

    /// One JSON line (no newline), keys sorted.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes one journal line; nil when the line is another record type.
    /// - Throws: `DecodingError` when the line is not JSON or a `model_reply` lacks a field.
    public static func decode(line: String) throws -> ModelReplyRecord? {
        let data = Data(line.utf8)
        let probe = try JSONDecoder().decode(TypeProbe.self, from: data)
        guard probe.type == typeName else { return nil }
        return try JSONDecoder().decode(ModelReplyRecord.self, from: data)
    }

    private struct TypeProbe: Decodable {
        var type: String?
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
