import Brain
import Foundation
import Strategy
import TestSupport
import Testing

/// #11 item 3: a reasoning model's decision time is bounded by a think budget. Servers that reason
/// for a minute, over real HTTP: the stream is closed once the reasoning passes the budget, then the
/// model is asked once more to continue from its reasoning with room for a command only (or the
/// decision is a WAIT), and what that cost is the decision's latency.
@Suite struct ThinkBudgetTests {
    static let messages: [ChatMessage] = [.system("Answer with one command."), .user("{\"LAST\": 245.0}")]

    /// ollama's thinking line, every 2 ms for about ten seconds.
    static let ollamaThinkingForever: ScriptedResponse = {
        let line =
            "{\"model\":\"deepseek-r1:8b\",\"created_at\":\"2026-11-25T12:00:00.000000Z\",\"message\":{\"role\":\"assistant\","
            + "\"content\":\"\",\"thinking\":\"hmm \"},\"done\":false}\n"
        return forever(line, contentType: "application/x-ndjson")
    }()

    /// An OpenAI-compatible `reasoning_content` delta, every 2 ms.
    static let openAIReasoningForever = forever(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"reasoning_content\":\"hmm \"},\"finish_reason\":null}]}\n\n", contentType: "text/event-stream")

    /// A server that thinks inline: `<think>` in the content, then reasoning without end.
    static let inlineThinkingForever: ScriptedResponse = {
        var response = forever(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hmm \"},\"finish_reason\":null}]}\n\n",
            contentType: "text/event-stream")
        response.steps.insert(
            .send(Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<think>\"},\"finish_reason\":null}]}\n\n".utf8)),
            at: 0)
        return response
    }()

    static func forever(_ line: String, contentType: String) -> ScriptedResponse {
        let steps = (0..<5000).flatMap { _ in [ScriptedResponse.Step.send(Array(line.utf8)), .pause(.milliseconds(2))] }
        return ScriptedResponse(status: 200, headers: [("content-type", contentType)], steps: steps)
    }

    static let entry = "ENTER_LONG(245.10, 244.90, 245.60)"

    @Test func ollamaStopsTheStreamAtTheBudgetAndForcesAnAnswerFromTheReasoningSoFar() async throws {
        try await withServer({ request in
            jsonBody(request)["think"] as? Bool == false
                ? .ollamaChat(content: Self.entry) : Self.ollamaThinkingForever
        }) { server in
            let model = OllamaModel(baseURL: server.baseURL)
            let request = ModelRequest(messages: Self.messages, timeout: .seconds(20), temperature: 0.3, contextLength: 8192)
            let budgeted = try await model.complete(request, budget: ThinkBudget(maxTokens: 40))
            let use = try #require(budgeted.budget)
            #expect(use.action == .forceAnswer)
            // Checked after every TCP chunk: a few pieces past the budget at most.
            #expect((41...48).contains(use.spent), "\(use.spent) tokens spent")
            #expect(budgeted.parsed.command.description == Self.entry)
            #expect(budgeted.reply.finishReason == ModelReply.forcedAnswerReason)
            let answering = try #require(use.answering)
            #expect(budgeted.reply.latency == use.thinking + answering)
            #expect(use.thinking < .seconds(5), "stopped long before the server's ten seconds of thinking")
            #expect(budgeted.reply.reasoning?.hasPrefix("hmm hmm") == true)

            let requests = await server.requests()
            #expect(requests.count == 2)
            let first = jsonBody(requests.first)
            #expect(first["think"] as? Bool == true)
            let options = first["options"] as? [String: Any] ?? [:]
            #expect(options["num_predict"] as? Int == 40 + ThinkBudget.answerTokens)
            #expect(options["temperature"] as? Double == 0.3)
            #expect(options["num_ctx"] as? Int == 8192)
            let forced = jsonBody(requests.last)
            #expect((forced["options"] as? [String: Any])?["num_predict"] as? Int == ThinkBudget.answerTokens)
            let last = try #require((forced["messages"] as? [[String: Any]])?.last)
            #expect(last["role"] as? String == "assistant")
            let prefill = last["content"] as? String ?? ""
            #expect(prefill.hasPrefix("<think>\nhmm hmm"))
            #expect(prefill.hasSuffix("</think>\n\n"))
            // Really stopped: both connections end within seconds, and the thinking stream would
            // have gone on for ten had the client not closed it.
            #expect(await closed(server, atLeast: 2))
        }
    }

    @Test func openAICompatibleForcedAnswerContinuesTheFinalMessageUnderTheCommandsGrammar() async throws {
        try await withServer({ request in
            jsonBody(request)["continue_final_message"] as? Bool == true
                ? .openAIStream(content: Self.entry) : Self.openAIReasoningForever
        }) { server in
            let model = OpenAICompatibleModel(baseURL: server.baseURL, model: "r1")
            let request = ModelRequest(messages: Self.messages, timeout: .seconds(20), grammar: CommandGrammar.allowingThink)
            let budgeted = try await model.complete(request, budget: ThinkBudget(maxTokens: 30))
            #expect(budgeted.budget?.action == .forceAnswer)
            #expect(budgeted.parsed.command.description == Self.entry)
            let requests = await server.requests()
            #expect(requests.count == 2)
            let first = jsonBody(requests.first)
            #expect(first["max_tokens"] as? Int == 30 + ThinkBudget.answerTokens)
            #expect(first["continue_final_message"] == nil)
            let forced = jsonBody(requests.last)
            #expect(forced["add_generation_prompt"] as? Bool == false)
            #expect(forced["max_tokens"] as? Int == ThinkBudget.answerTokens)
            #expect(forced["grammar"] as? String == CommandGrammar.commands)
            #expect((forced["messages"] as? [[String: Any]])?.last?["role"] as? String == "assistant")
            #expect(await closed(server, atLeast: 2))
        }
    }

    @Test func underWaitASpentBudgetIsAWaitThatSaysSoAndAsksNothingMore() async throws {
        try await withServer({ _ in Self.ollamaThinkingForever }) { server in
            let model = OllamaModel(baseURL: server.baseURL)
            let budgeted = try await model.complete(
                ModelRequest(messages: Self.messages, timeout: .seconds(20)), budget: ThinkBudget(maxTokens: 20, onExhausted: .wait))
            #expect(budgeted.waits)
            #expect(budgeted.budget?.answering == nil)
            #expect(budgeted.reply.finishReason == ModelReply.thinkBudgetReason)
            guard case .wait(let reason) = budgeted.parsed.command else {
                Issue.record("expected WAIT, got \(budgeted.parsed.command)")
                return
            }
            #expect(reason.hasPrefix("think budget spent: "), "\(reason)")
            #expect(reason.hasSuffix("reasoning tokens of 20 without an answer"), "\(reason)")
            #expect(await server.requests().count == 1)
            #expect(await closed(server, atLeast: 1))
        }
    }

    @Test func inlineThinkingCountsTowardTheBudgetAndItsTextIsTheReasoningSoFar() async throws {
        try await withServer({ request in
            jsonBody(request)["continue_final_message"] as? Bool == true
                ? .openAIStream(content: "WAIT(\"no edge\")") : Self.inlineThinkingForever
        }) { server in
            let model = OpenAICompatibleModel(baseURL: server.baseURL, model: "r1")
            let budgeted = try await model.complete(
                ModelRequest(messages: Self.messages, timeout: .seconds(20)), budget: ThinkBudget(maxTokens: 25))
            #expect(budgeted.budget.map { (26...32).contains($0.spent) } == true, "\(String(describing: budgeted.budget))")
            #expect(budgeted.parsed.command.description == "WAIT(\"no edge\")")
            let forced = jsonBody(await server.requests().last)
            let prefill = (forced["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
            #expect(prefill.hasPrefix("<think>\nhmm hmm"), "\(prefill.prefix(40))")
            #expect(!prefill.dropFirst(7).contains("<think>"))
        }
    }

    @Test func aModelThatAnswersWithinItsBudgetIsAskedOnce() async throws {
        try await withServer({ _ in .ollamaChat(thinking: String(repeating: "ok ", count: 10), content: Self.entry, pieceSize: 3) }) {
            server in
            let budgeted = try await OllamaModel(baseURL: server.baseURL).complete(
                ModelRequest(messages: Self.messages, timeout: .seconds(20)), budget: ThinkBudget(maxTokens: 40))
            #expect(budgeted.budget == nil)
            #expect(budgeted.reply.reasoningTokens == 10)
            #expect(budgeted.parsed.command.description == Self.entry)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func aServerThatStopsAtItsTokenCapBeforeAnyAnswerSpentTheBudgetToo() async throws {
        try await withServer({ request in
            if jsonBody(request)["continue_final_message"] as? Bool == true { return .openAIStream(content: Self.entry) }
            // Batched reasoning the client estimates below the budget, then the server's own cap.
            let body = ScriptedResponse.openAIStreamBody(
                model: "r1", reasoning: String(repeating: "a", count: 40), content: "", pieceSize: 40, promptTokens: 10,
                completionTokens: 94
            ).replacingOccurrences(of: "\"finish_reason\":\"stop\"", with: "\"finish_reason\":\"length\"")
            return .chunked(contentType: "text/event-stream", body: Array(body.utf8), chunkBytes: 4096)
        }) { server in
            let budgeted = try await OpenAICompatibleModel(baseURL: server.baseURL, model: "r1").complete(
                ModelRequest(messages: Self.messages, timeout: .seconds(20)), budget: ThinkBudget(maxTokens: 30))
            #expect(budgeted.budget?.spent == 10)
            #expect(budgeted.parsed.command.description == Self.entry)
            #expect(await server.requests().count == 2)
        }
    }

    /// Waits up to 5 s for the server to see `count` connections closed.
    private func closed(_ server: LLMTestServer, atLeast count: Int) async -> Bool {
        for _ in 0..<50 {
            if await server.closedConnections() >= count { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
