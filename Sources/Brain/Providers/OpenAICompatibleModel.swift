public import AsyncHTTPClient

/// A model behind an OpenAI-compatible `POST /v1/chat/completions` (server-sent events): llama.cpp's
/// `llama-server`, vLLM, LM Studio, ollama's own `/v1`.
public struct OpenAICompatibleModel: LanguageModel {
    /// The environment variable an API key is read from by default.
    public static let defaultAPIKeyVariable = "FSD_OPENAI_API_KEY"

    /// The server's base, with or without a trailing `/v1`.
    public let baseURL: String
    public let model: String
    private let apiKey: APIKey?
    private let client: HTTPClient

    /// - Parameter apiKey: sent as `Authorization: Bearer`; never printed (`APIKey` hides it).
    public init(baseURL: String, model: String, apiKey: APIKey? = nil, client: HTTPClient = BrainHTTPClient.shared) {
        self.baseURL = baseURL.trimmingTrailingSlashes()
        self.model = model
        self.apiKey = apiKey
        self.client = client
    }

    public var name: String { "openai:\(baseURL)#\(model)" }

    /// `…/v1/chat/completions`.
    public var endpoint: String {
        baseURL.hasSuffix("/v1") ? "\(baseURL)/chat/completions" : "\(baseURL)/v1/chat/completions"
    }

    public func complete(_ request: ModelRequest) async throws -> ModelReply {
        let url = endpoint
        let body = OpenAIChatRequest(
            model: model, messages: request.messages, temperature: request.temperature, seed: request.seed,
            maxTokens: request.maxTokens, grammar: request.grammar,
            continueFinalMessage: request.continuesLastMessage ? true : nil,
            addGenerationPrompt: request.continuesLastMessage ? false : nil)
        var headers = [("Content-Type", "application/json"), ("Accept", "text/event-stream")]
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey.value)")) }
        let model = self.model
        let base = baseURL
        let post = StreamingPost(
            url: url, body: try JSONWire.encode(body), headers: headers, client: client, provider: .openAI,
            httpError: { status, text in
                if status == 404, text.lowercased().contains("model") {
                    return ModelError(
                        .unknownModel,
                        "the server at \(base) has no model '\(model)' (HTTP 404: \(String(text.prefix(200)))): check "
                            + "the name after # in --model; `curl \(base)/v1/models` lists what it serves")
                }
                let hint: String? =
                    switch status {
                    case 401, 403: "set the API key in $\(OpenAICompatibleModel.defaultAPIKeyVariable)"
                    case 404: "is the URL right? it should be the server's base, e.g. http://127.0.0.1:8765"
                    default: nil
                    }
                return ModelError.http(status, url: url, body: text, hint: hint)
            })
        return try await post.run(
            OpenAIStreamDecoder(url: url, onEvent: request.onEvent), model: name, timeout: request.timeout,
            limits: request.limits, thinkBudget: request.thinkBudget)
    }
}

/// An API key that never shows up in logs, descriptions or reflection.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
