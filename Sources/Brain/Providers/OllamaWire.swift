/// The body of ollama's `POST /api/chat`.
struct OllamaChatRequest: Encodable, Sendable {
    struct Options: Encodable, Sendable {
        var temperature: Double?
        var seed: Int?
        var numCtx: Int?
        var numPredict: Int?

        enum CodingKeys: String, CodingKey {
            case temperature, seed
            case numCtx = "num_ctx"
            case numPredict = "num_predict"
        }
    }

    var model: String
    var messages: [ChatMessage]
    var stream = true
    var think: Bool?
    var options: Options?
    var keepAlive: String?

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, think, options
        case keepAlive = "keep_alive"
    }
}

/// One NDJSON line of ollama's streaming chat reply.
struct OllamaChatChunk: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        var content: String?
        var thinking: String?
    }

    var message: Message?
    var done: Bool?
    var doneReason: String?
    var promptEvalCount: Int?
    var evalCount: Int?
    var error: WireErrorField?

    enum CodingKeys: String, CodingKey {
        case message, done, error
        case doneReason = "done_reason"
        case promptEvalCount = "prompt_eval_count"
        case evalCount = "eval_count"
    }
}

/// Collects ollama's NDJSON stream.
struct OllamaStreamDecoder: StreamDecoder {
    let url: String
    private(set) var answer = ""
    private(set) var reasoning = ""
    private(set) var done = false
    private(set) var doneReason: String?
    private(set) var promptTokens: Int?
    private(set) var completionTokens: Int?
    private(set) var firstTextAt: ContinuousClock.Instant?
    private(set) var meter = ReasoningMeter()
    let onEvent: (@Sendable (StreamEvent) -> Void)?

    init(url: String, onEvent: (@Sendable (StreamEvent) -> Void)?) {
        self.url = url
        self.onEvent = onEvent
    }

    /// Counted as pieces arrive: `String.count` walks the whole text, once per chunk it was quadratic.
    private(set) var received = 0

    var beginning: String { Self.beginning(reasoning: reasoning, answer: answer) }

    mutating func consume(line: [UInt8]) throws(ModelError) {
        guard !done, line.contains(where: { !ArgumentReader.isBlank($0) }) else { return }
        let chunk = try JSONWire.decode(OllamaChatChunk.self, line, url: url)
        if let error = chunk.error {
            throw ModelError(.serverError, "ollama at \(url) reported an error mid-stream: \(error.message)")
        }
        if let thinking = chunk.message?.thinking, !thinking.isEmpty {
            if firstTextAt == nil { firstTextAt = .now }
            let count = thinking.count
            reasoning += thinking
            received += count
            meter.reasoning(characters: count)
            onEvent?(.reasoning(thinking))
        }
        if let content = chunk.message?.content, !content.isEmpty {
            if firstTextAt == nil { firstTextAt = .now }
            let count = content.count
            answer += content
            received += count
            meter.answer(content, characters: count)
            onEvent?(.answer(content))
        }
        if chunk.done == true {
            done = true
            doneReason = chunk.doneReason
            promptTokens = chunk.promptEvalCount
            completionTokens = chunk.evalCount
        }
    }

    mutating func finish() throws(ModelError) {
        guard done else { throw ModelError.truncated(url, received: received, marker: "a final {\"done\": true} line") }
    }

    func reply(model: String, latency: Duration, timeToFirstToken: Duration?) -> ModelReply {
        ModelReply(
            answer: answer, reasoning: reasoning.isEmpty ? nil : reasoning, promptTokens: promptTokens,
            completionTokens: completionTokens, timeToFirstToken: timeToFirstToken, latency: latency, model: model,
            finishReason: doneReason)
    }
}
