import Brain
import Foundation
import TestSupport
import Testing

@Suite struct OllamaModelTests {
    static let thinking = "Entry checklist:\n1. L2_IMBALANCE = 2.1 > 1.5 ✓\n5. Wall at 247.00 — 0.61% away ✓ 🚀\n"
    static let content = "ENTER_LONG(245.50, 245.30, 246.80)"

    @Test(arguments: [1, 2, 3, 5, 64])
    func streamsThinkingApartFromTheAnswer(chunkBytes: Int) async throws {
        let events = EventLog()
        let (reply, requests) = try await withServer({ _ in
            .ollamaChat(
                thinking: Self.thinking, content: Self.content, pieceSize: 3, chunkBytes: chunkBytes,
                promptEvalCount: 1612, evalCount: 131)
        }) { server in
            let model = OllamaModel(baseURL: server.baseURL + "/")
            let request = ModelRequest(
                messages: seedMessages, timeout: .seconds(20), temperature: 0, seed: 7, contextLength: 8192,
                onEvent: { events.append($0) })
            return (try await model.complete(request), await server.requests())
        }
        #expect(reply.reasoning == Self.thinking)
        #expect(reply.answer == Self.content)
        #expect(reply.promptTokens == 1612)
        #expect(reply.completionTokens == 131)
        #expect(reply.finishReason == "stop")
        #expect(reply.model.hasPrefix("ollama:http://127.0.0.1:") && reply.model.hasSuffix("#deepseek-r1:8b"))
        let ttft = try #require(reply.timeToFirstToken)
        #expect(ttft <= reply.latency)
        #expect(events.reasoning == Self.thinking)
        #expect(events.answer == Self.content)

        #expect(requests.count == 1)
        #expect(requests.first?.method == "POST")
        #expect(requests.first?.path == "/api/chat")
        let body = jsonBody(requests.first)
        #expect(body["model"] as? String == "deepseek-r1:8b")
        #expect(body["stream"] as? Bool == true)
        #expect(body["think"] as? Bool == true)
        #expect(body["keep_alive"] as? String == "30m")
        let options = body["options"] as? [String: Any]
        #expect(options?["num_ctx"] as? Int == 8192)
        #expect(options?["seed"] as? Int == 7)
        #expect(options?["temperature"] as? Double == 0)
        let messages = body["messages"] as? [[String: Any]]
        #expect(messages?.map { $0["role"] as? String } == ["system", "user"])
        #expect(messages?.first?["content"] as? String == "ROLE: You are FSDTrader.")
    }

    @Test func unknownModelSaysHowToPullIt() async throws {
        let error = try await withServer({ _ in .ollamaModelNotFound("deepseek-r1:8b") }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .unknownModel)
        #expect(error?.message.contains("run `ollama pull deepseek-r1:8b`") == true)
    }

    @Test func aStalledStreamTimesOut() async throws {
        let error = try await withServer({ _ in
            ScriptedResponse.ollamaChat(thinking: Self.thinking, content: Self.content).cut(
                afterBytes: 150, then: .stall)
        }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(
                    ModelRequest(messages: seedMessages, timeout: .milliseconds(600)))
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.hasPrefix("no complete reply from http://127.0.0.1:") == true)
        #expect(error?.message.contains("within 600 ms") == true)
    }

    @Test func aConnectionClosedMidStreamIsATruncatedStream() async throws {
        let error = try await withServer({ _ in
            ScriptedResponse.ollamaChat(thinking: Self.thinking, content: Self.content, chunkBytes: 7).cut(
                afterBytes: 200, then: .close)
        }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .truncatedStream)
    }

    @Test func aStreamEndingWithoutDoneIsTruncated() async throws {
        let body = ScriptedResponse.ollamaChatBody(
            model: "m", thinking: "", content: "WAIT(\"x\")", pieceSize: 4, promptEvalCount: 1, evalCount: 1)
        let withoutDone = body.split(separator: "\n").dropLast().map { $0 + "\n" }.joined()
        let error = try await withServer({ _ in
            .chunked(contentType: "application/x-ndjson", body: Array(withoutDone.utf8), chunkBytes: 10)
        }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.message.contains("ended after 9 characters without a final {\"done\": true} line") == true)
    }

    @Test func invalidJSONInAChunkIsNamed() async throws {
        let error = try await withServer({ _ in
            .chunked(
                contentType: "application/x-ndjson",
                body: Array("{\"message\":{\"content\":\"WA\"},\"done\":false}\n{\"message\": oops}\n".utf8),
                chunkBytes: 8)
        }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .invalidChunk)
        #expect(error?.message.contains("`{\"message\": oops}`") == true)
    }

    @Test func anErrorLineMidStreamIsAServerError() async throws {
        let error = try await withServer({ _ in
            .chunked(
                contentType: "application/x-ndjson", body: Array("{\"error\":\"out of memory\"}\n".utf8),
                chunkBytes: 100)
        }) { server in
            await modelError {
                try await OllamaModel(baseURL: server.baseURL).complete(ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .serverError)
        #expect(error?.message.hasSuffix("reported an error mid-stream: out of memory") == true)
    }

    @Test func aModelThatCannotThinkIsAskedAgainWithoutThink() async throws {
        let requests = try await withServer({ request in
            if request.bodyText.contains("\"think\":true") {
                return .whole(status: 400, body: "{\"error\":\"\\\"llama3.2\\\" does not support thinking\"}")
            }
            return .ollamaChat(model: "llama3.2", content: "<think>hmm</think>CANCEL_ALL()")
        }) { server in
            let reply = try await OllamaModel(baseURL: server.baseURL, model: "llama3.2").complete(
                ModelRequest(messages: seedMessages))
            #expect(reply.answer == "<think>hmm</think>CANCEL_ALL()")
            #expect(CommandParser.parse(reply.answer, reasoning: reply.reasoning).command == .cancelAll)
            return await server.requests()
        }
        #expect(requests.count == 2)
        #expect(jsonBody(requests.last)["think"] == nil)
    }

    @Test func connectionRefusedSaysWhatToStart() async throws {
        let server = try await LLMTestServer.start { _ in .whole(status: 200, body: "{}") }
        let url = server.baseURL
        await server.shutdown()
        let error = await modelError {
            try await OllamaModel(baseURL: url).complete(ModelRequest(messages: seedMessages, timeout: .seconds(30)))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message.contains("`ollama serve`") == true)
        #expect(error?.message.contains("--model rules") == true)
    }

    @Test func cancellingTheTaskCancelsTheCall() async throws {
        try await withServer({ _ in ScriptedResponse(steps: [.stall]) }) { server in
            let task = Task {
                try await OllamaModel(baseURL: server.baseURL).complete(
                    ModelRequest(messages: seedMessages, timeout: .seconds(60)))
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let result = await task.result
            guard case .failure(let error) = result else {
                Issue.record("a cancelled call returned a reply")
                return
            }
            #expect(error is CancellationError)
        }
    }

    @Test func grammarIsRefusedWithAnAlternative() async throws {
        let error = await modelError {
            try await OllamaModel(baseURL: "http://127.0.0.1:9").complete(
                ModelRequest(messages: seedMessages, grammar: CommandGrammar.commands))
        }
        #expect(error?.kind == .unsupported)
    }
}
