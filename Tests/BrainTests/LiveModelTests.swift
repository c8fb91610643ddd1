import Brain
import Foundation
import Testing

/// Against a real model server, only when `FSD_LLM_MODEL` names one, e.g.
/// `FSD_LLM_MODEL=openai:http://127.0.0.1:8765#gemma3-270m` after `scripts/local-model start`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FSD_LLM_MODEL"] != nil))
struct LiveModelTests {
    @Test func theSeedPromptGetsAParseableCommand() async throws {
        let spec = try ModelSpec.parse(ProcessInfo.processInfo.environment["FSD_LLM_MODEL"] ?? "")
        let model = try #require(try spec.makeModel())
        let template = try PromptTemplate.load(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath).path)
        let messages = PromptRenderer(strategy: try momentum().definition, template: template).messages(
            for: try seedState())
        let grammar: String? = if case .openAI = spec { CommandGrammar.commands } else { nil }
        let reply = try await model.complete(
            ModelRequest(messages: messages, timeout: .seconds(120), seed: 1, maxTokens: 64, grammar: grammar))
        let parsed = CommandParser.parse(reply.answer, reasoning: reply.reasoning)
        #expect(reply.promptTokens ?? 0 > 1000)
        #expect(reply.completionTokens ?? 0 > 0)
        #expect(reply.timeToFirstToken != nil)
        if grammar != nil { #expect(parsed.failure == nil, "\(reply.answer)") }
    }
}
