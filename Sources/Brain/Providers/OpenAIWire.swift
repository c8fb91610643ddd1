/// The body of an OpenAI-compatible `POST /v1/chat/completions`.
struct OpenAIChatRequest: Encodable, Sendable {
    struct StreamOptions: Encodable, Sendable {
        var includeUsage = true

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    var model: String
    var messages: [ChatMessage]
    var stream = true
    var streamOptions = StreamOptions()
    var temperature: Double?
    var seed: Int?
    var maxTokens: Int?
    /// llama.cpp's GBNF grammar field.
    var grammar: String?
    /// vLLM's and TGI's prefill: the reply continues the last (assistant) message. llama.cpp's server
    /// continues a final assistant message unasked and ignores both fields.
    var continueFinalMessage: Bool?
    var addGenerationPrompt: Bool?

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature, seed, grammar
        case streamOptions = "stream_options"
        case maxTokens = "max_tokens"
        case continueFinalMessage = "continue_final_message"
        case addGenerationPrompt = "add_generation_prompt"
    }
}

/// One `data:` event of an OpenAI-compatible stream.
struct OpenAIChatChunk: Decodable, Sendable {
    struct Choice: Decodable, Sendable {
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable, Sendable {
        var content: String?
        /// llama.cpp, vLLM, DeepSeek.
        var reasoningContent: String?
        /// ollama's `/v1` and newer vLLM.
        var reasoning: String?

        enum CodingKeys: String, CodingKey {
            case content, reasoning
            case reasoningContent = "reasoning_content"
        }
    }

    struct Usage: Decodable, Sendable {
        struct PromptDetails: Decodable, Sendable {
            var cachedTokens: Int?

            enum CodingKeys: String, CodingKey {
                case cachedTokens = "cached_tokens"
            }
        }

        var promptTokens: Int?
        var completionTokens: Int?
        /// vLLM, llama.cpp, OpenAI: prompt tokens served from the cache.
        var promptTokensDetails: PromptDetails?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case promptTokensDetails = "prompt_tokens_details"
        }
    }

    /// llama.cpp's server: `cache_n` prompt tokens reused from its cache, `prompt_n` evaluated.
    struct Timings: Decodable, Sendable {
        var cacheN: Int?
        var promptN: Int?

        enum CodingKeys: String, CodingKey {
            case cacheN = "cache_n"
            case promptN = "prompt_n"
        }
    }

    var choices: [Choice]?
    var usage: Usage?
    var timings: Timings?
    var error: WireErrorField?
}

/// Collects a server-sent-events stream of chat completion chunks up to `data: [DONE]`.
struct OpenAIStreamDecoder: StreamDecoder {
    let url: String
    private(set) var answer = ""
    private(set) var reasoning = ""
    private(set) var sawDone = false
    private(set) var finishReason: String?
    private(set) var promptTokens: Int?
    private(set) var completionTokens: Int?
    /// Prompt tokens the server reused from its cache, when it says (`timings.cache_n`,
    /// `usage.prompt_tokens_details.cached_tokens`).
    private(set) var cachedPromptTokens: Int?
    private(set) var firstTextAt: ContinuousClock.Instant?
    private(set) var meter = ReasoningMeter()
    private var data: [UInt8] = []
    private var hasData = false
    let onEvent: (@Sendable (StreamEvent) -> Void)?

    init(url: String, onEvent: (@Sendable (StreamEvent) -> Void)?) {
        self.url = url
        self.onEvent = onEvent
    }

    /// Counted as pieces arrive: `String.count` walks the whole text, once per chunk it was quadratic.
    private(set) var received = 0

    var pendingBytes: Int { data.count }

    var beginning: String { Self.beginning(reasoning: reasoning, answer: answer) }

    mutating func consume(line: [UInt8]) throws(ModelError) {
        guard !sawDone else { return }
        if line.isEmpty {
            try dispatch()
            return
        }
        // Comments (`: ping`) and other fields (`event:`, `id:`, `retry:`) carry no chunk.
        guard line.starts(with: Array("data:".utf8)) else { return }
        var value = line.dropFirst(5)
        if value.first == 32 { value = value.dropFirst() }
        if hasData { data.append(10) }
        data += value
        hasData = true
    }

    private mutating func dispatch() throws(ModelError) {
        guard hasData else { return }
        let payload = data
        data = []
        hasData = false
        if ArgumentReader.trim(payload[...]).elementsEqual(Array("[DONE]".utf8)) {
            sawDone = true
            return
        }
        let chunk = try JSONWire.decode(OpenAIChatChunk.self, payload, url: url)
        if let error = chunk.error {
            throw ModelError(.serverError, "the server at \(url) reported an error mid-stream: \(error.message)")
        }
        if let usage = chunk.usage {
            promptTokens = usage.promptTokens ?? promptTokens
            completionTokens = usage.completionTokens ?? completionTokens
            cachedPromptTokens = usage.promptTokensDetails?.cachedTokens ?? cachedPromptTokens
        }
        if let cached = chunk.timings?.cacheN { cachedPromptTokens = cached }
        for choice in chunk.choices ?? [] {
            if let reason = choice.finishReason { finishReason = reason }
            if let text = choice.delta?.reasoningContent ?? choice.delta?.reasoning, !text.isEmpty {
                if firstTextAt == nil { firstTextAt = .now }
                let count = text.count
                reasoning += text
                received += count
                meter.reasoning(characters: count)
                onEvent?(.reasoning(text))
            }
            if let text = choice.delta?.content, !text.isEmpty {
                if firstTextAt == nil { firstTextAt = .now }
                let count = text.count
                answer += text
                received += count
                meter.answer(text, characters: count)
                onEvent?(.answer(text))
            }
        }
    }

    mutating func finish() throws(ModelError) {
        try dispatch()
        // A server that closes cleanly after a finish reason but forgets `[DONE]` still finished.
        guard sawDone || finishReason != nil else {
            throw ModelError.truncated(url, received: received, marker: "`data: [DONE]`")
        }
    }

    func reply(model: String, latency: Duration, timeToFirstToken: Duration?) -> ModelReply {
        ModelReply(
            answer: answer, reasoning: reasoning.isEmpty ? nil : reasoning, promptTokens: promptTokens,
            completionTokens: completionTokens, timeToFirstToken: timeToFirstToken, latency: latency, model: model,
            finishReason: finishReason, cachedPromptTokens: cachedPromptTokens)
    }
}
