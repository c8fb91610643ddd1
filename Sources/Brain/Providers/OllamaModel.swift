public import AsyncHTTPClient

/// A model served by ollama, through its native streaming `POST /api/chat` (NDJSON).
///
/// Reasoning models run with `think: true`, so their reasoning arrives in `message.thinking`
/// apart from the answer. A model that cannot think is asked again without it.
public struct OllamaModel: LanguageModel {
    /// ollama's default address.
    public static let defaultBaseURL = "http://127.0.0.1:11434"
    /// The seed's model.
    public static let defaultModel = "deepseek-r1:8b"

    public let baseURL: String
    public let model: String
    /// Ask for reasoning apart from the answer.
    public let think: Bool
    /// How long ollama keeps the model loaded after a call (`5m`, `1h`, `-1` forever).
    public let keepAlive: String?
    private let client: HTTPClient

    public init(
        baseURL: String = OllamaModel.defaultBaseURL, model: String = OllamaModel.defaultModel, think: Bool = true,
        keepAlive: String? = "30m", client: HTTPClient = BrainHTTPClient.shared
    ) {
        self.baseURL = baseURL.trimmingTrailingSlashes()
        self.model = model
        self.think = think
        self.keepAlive = keepAlive
        self.client = client
    }

    /// `ollama:NAME`, or `ollama:URL#NAME` away from the default address: the `--model` spelling.
    public var name: String {
        ModelSpec.ollama(baseURL: baseURL, model: model).description
    }

    public func complete(_ request: ModelRequest) async throws -> ModelReply {
        if request.grammar != nil {
            throw ModelError(
                .unsupported,
                "ollama has no GBNF grammar option: drop --grammar, or use a llama.cpp server with "
                    + "--model openai:URL#NAME")
        }
        do {
            // A forced answer must not think again: its reasoning is already in the last message.
            return try await send(request, think: request.continuesLastMessage ? (think ? false : nil) : (think ? true : nil))
        } catch let error as ModelError
            where think && error.kind == .httpStatus && error.message.contains("support thinking")
        {
            return try await send(request, think: nil)
        }
    }

    private func send(_ request: ModelRequest, think: Bool?) async throws -> ModelReply {
        let url = "\(baseURL)/api/chat"
        let options = OllamaChatRequest.Options(
            temperature: request.temperature, seed: request.seed, numCtx: request.contextLength,
            numPredict: request.maxTokens)
        let body = OllamaChatRequest(
            model: model, messages: request.messages, think: think, options: options, keepAlive: keepAlive)
        let model = self.model
        let post = StreamingPost(
            url: url, body: try JSONWire.encode(body), headers: [("Content-Type", "application/json")],
            client: client, provider: .ollama,
            httpError: { status, text in
                if status == 404, text.contains("not found"), text.contains("model") {
                    return ModelError(
                        .unknownModel,
                        "ollama at \(url) has no model '\(model)': run `ollama pull \(model)` (or list what it has "
                            + "with `ollama list`)")
                }
                let hint: String? =
                    status == 404
                    ? "is this an ollama server? llama.cpp's server speaks only the OpenAI API: use openai:URL#NAME"
                    : nil
                return ModelError.http(status, url: url, body: text, hint: hint)
            })
        return try await post.run(
            OllamaStreamDecoder(url: url, onEvent: request.onEvent), model: name, timeout: request.timeout,
            limits: request.limits, thinkBudget: request.thinkBudget)
    }
}

extension String {
    func trimmingTrailingSlashes() -> String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
