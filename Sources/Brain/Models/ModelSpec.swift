#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which model decides, as the `--model` option spells it.
public enum ModelSpec: Hashable, Sendable, CustomStringConvertible {
    /// `ollama:NAME` or `ollama:URL#NAME`.
    case ollama(baseURL: String, model: String)
    /// `openai:URL#NAME`.
    case openAI(baseURL: String, model: String)
    /// `recorded:JOURNAL.jsonl`: replies recorded by an earlier run.
    case recorded(path: String)
    /// `rules`: no model; the strategy's checklist proposes the command.
    case rules

    /// The default: ollama on this machine with the seed's model.
    public static let `default` = ModelSpec.ollama(baseURL: OllamaModel.defaultBaseURL, model: OllamaModel.defaultModel)

    /// Parses `ollama:NAME`, `ollama:URL#NAME`, `openai:URL#NAME`, `recorded:PATH` or `rules`.
    public static func parse(_ text: String) throws(ModelSpecError) -> ModelSpec {
        let trimmed = ThinkSplitter.trimmed(text)
        if trimmed == "rules" { return .rules }
        if trimmed == "ollama" { return .default }
        if let rest = trimmed.dropPrefix("ollama:") {
            if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
                let (url, model) = try urlAndModel(rest, spec: trimmed)
                return .ollama(baseURL: url, model: model)
            }
            guard !rest.isEmpty, !rest.contains(where: \.isWhitespace) else {
                throw ModelSpecError("'\(trimmed)' names no model: write ollama:NAME, e.g. ollama:deepseek-r1:8b")
            }
            return .ollama(baseURL: OllamaModel.defaultBaseURL, model: rest)
        }
        if let rest = trimmed.dropPrefix("openai:") {
            let (url, model) = try urlAndModel(rest, spec: trimmed)
            return .openAI(baseURL: url, model: model)
        }
        if let rest = trimmed.dropPrefix("recorded:"), !rest.isEmpty {
            return .recorded(path: rest)
        }
        throw ModelSpecError(
            "unknown model '\(trimmed)': expected ollama:NAME (e.g. ollama:deepseek-r1:8b), openai:URL#NAME "
                + "(e.g. openai:http://127.0.0.1:8765#gemma3-270m), recorded:JOURNAL.jsonl or rules")
    }

    private static func urlAndModel(_ rest: String, spec: String) throws(ModelSpecError) -> (String, String) {
        guard let hash = rest.lastIndex(of: "#") else {
            throw ModelSpecError(
                "'\(spec)' needs the model's name after '#', e.g. openai:http://127.0.0.1:8765#gemma3-270m")
        }
        let url = String(rest[..<hash])
        let model = String(rest[rest.index(after: hash)...])
        let scheme = url.hasPrefix("https://") ? "https://" : "http://"
        guard url.hasPrefix(scheme), url.count > scheme.count else {
            throw ModelSpecError("'\(spec)': '\(url)' is not an http:// or https:// URL")
        }
        guard !model.isEmpty, !model.contains(where: \.isWhitespace) else {
            throw ModelSpecError("'\(spec)' names no model after '#'")
        }
        return (url, model)
    }

    /// The provider for this spec; nil for `rules`, which needs the strategy (see `RulesDecider`).
    /// - Parameter apiKeyVariable: environment variable holding an OpenAI-compatible API key.
    public func makeModel(apiKeyVariable: String = OpenAICompatibleModel.defaultAPIKeyVariable) throws -> (
        any LanguageModel
    )? {
        switch self {
        case .ollama(let baseURL, let model):
            return OllamaModel(baseURL: baseURL, model: model)
        case .openAI(let baseURL, let model):
            let key = ProcessInfo.processInfo.environment[apiKeyVariable].flatMap { $0.isEmpty ? nil : APIKey($0) }
            return OpenAICompatibleModel(baseURL: baseURL, model: model, apiKey: key)
        case .recorded(let path):
            return try RecordedModel(journalPath: path)
        case .rules:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .ollama(let baseURL, let model):
            baseURL == OllamaModel.defaultBaseURL ? "ollama:\(model)" : "ollama:\(baseURL)#\(model)"
        case .openAI(let baseURL, let model): "openai:\(baseURL)#\(model)"
        case .recorded(let path): "recorded:\(path)"
        case .rules: "rules"
        }
    }
}

/// A `--model` value that does not name a model.
public struct ModelSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
