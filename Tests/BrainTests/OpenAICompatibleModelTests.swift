import Brain
import Foundation
import TestSupport
import Testing

@Suite struct OpenAICompatibleModelTests {
    static let reasoning = "Imbalance 2.1 ✓, CVD rising ✓ — größer 🚀"
    static let content = "ENTER_LONG(245.50, 245.30, 246.80)"

    @Test(arguments: [1, 2, 3, 4, 7, 500])
    func streamsReasoningAndAnswerOverSSE(chunkBytes: Int) async throws {
        let events = EventLog()
        let (reply, requests) = try await withServer({ _ in
            .openAIStream(
                reasoning: Self.reasoning, content: Self.content, pieceSize: 2, chunkBytes: chunkBytes,
                promptTokens: 1600, completionTokens: 24)
        }) { server in
            let model = OpenAICompatibleModel(
                baseURL: server.baseURL, model: "gemma3-270m", apiKey: APIKey("sk-test-123"))
            let request = ModelRequest(
                messages: seedMessages, timeout: .seconds(20), seed: 3, maxTokens: 48,
                grammar: CommandGrammar.allowingThink,
                onEvent: { events.append($0) })
            return (try await model.complete(request), await server.requests())
        }
        #expect(reply.reasoning == Self.reasoning)
        #expect(reply.answer == Self.content)
        #expect(reply.promptTokens == 1600)
        #expect(reply.completionTokens == 24)
        #expect(reply.finishReason == "stop")
        #expect(reply.timeToFirstToken != nil)
        #expect(events.reasoning == Self.reasoning)
        #expect(events.answer == Self.content)

        let request = try #require(requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer sk-test-123")
        let body = jsonBody(request)
        #expect(body["model"] as? String == "gemma3-270m")
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(body["grammar"] as? String == CommandGrammar.allowingThink)
        #expect(body["max_tokens"] as? Int == 48)
        #expect(body["seed"] as? Int == 3)
        #expect(body["temperature"] as? Double == 0)
    }

    @Test func aBaseURLEndingInV1IsNotDoubled() async throws {
        let requests = try await withServer({ _ in .openAIStream(content: "CANCEL_ALL()") }) { server in
            _ = try await OpenAICompatibleModel(baseURL: server.baseURL + "/v1", model: "m").complete(
                ModelRequest(messages: seedMessages))
            return await server.requests()
        }
        #expect(requests.first?.path == "/v1/chat/completions")
        #expect(requests.first?.header("authorization") == nil)
        #expect(jsonBody(requests.first)["grammar"] == nil)
    }

    @Test func commentsCRLFAndMultiLineDataAreRead() async throws {
        let body =
            ": ping\r\n\r\nevent: message\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"WAIT(\\\"a\"}}]}\r\n\r\n"
            + "data: {\"choices\":[{\"delta\":\r\ndata: {\"content\":\"\\\")\"},\"finish_reason\":\"stop\"}]}\r\n\r\ndata: [DONE]\r\n\r\n"
        let reply = try await withServer({ _ in
            .chunked(contentType: "text/event-stream", body: Array(body.utf8), chunkBytes: 5)
        }) { server in
            try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                ModelRequest(messages: seedMessages))
        }
        #expect(reply.answer == "WAIT(\"a\")")
        #expect(reply.promptTokens == nil)
    }

    @Test func unknownModelIsNamed() async throws {
        let error = try await withServer({ _ in .openAIModelNotFound("qwen3:8b") }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "qwen3:8b").complete(
                    ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .unknownModel)
        #expect(error?.message.contains("has no model 'qwen3:8b'") == true)
        #expect(error?.message.contains("/v1/models") == true)
    }

    @Test func httpErrorsCarryABodyExcerpt() async throws {
        let error = try await withServer({ _ in
            .whole(status: 500, body: "{\"error\":{\"message\":\"json_schema not supported\"}}")
        }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .httpStatus)
        #expect(error?.message.hasPrefix("HTTP 500 from http://127.0.0.1:") == true)
        #expect(
            error?.message.hasSuffix("/v1/chat/completions: {\"error\":{\"message\":\"json_schema not supported\"}}")
                == true)
    }

    @Test func closeMidStreamIsTruncated() async throws {
        let error = try await withServer({ _ in
            ScriptedResponse.openAIStream(reasoning: Self.reasoning, content: Self.content, chunkBytes: 3).cut(
                afterBytes: 400, then: .close)
        }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .truncatedStream)
    }

    @Test func aStreamWithoutDoneOrFinishIsTruncated() async throws {
        let full = ScriptedResponse.openAIStreamBody(
            model: "m", reasoning: "", content: "CANCEL_ALL()", pieceSize: 4, promptTokens: 1, completionTokens: 1,
            sendDone: false)
        let withoutFinish = full.components(separatedBy: "\n\n").filter { !$0.contains("finish_reason\":\"stop") }
            .joined(separator: "\n\n")
        let error = try await withServer({ _ in
            .chunked(contentType: "text/event-stream", body: Array(withoutFinish.utf8), chunkBytes: 9)
        }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages))
            }
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.message.contains("without `data: [DONE]`") == true)
    }

    @Test func aStallTimesOut() async throws {
        // The deadline leaves a loaded 2-core machine ample time to read the first 600 bytes.
        let error = try await withServer({ _ in
            ScriptedResponse.openAIStream(content: Self.content, chunkBytes: 4096).cut(afterBytes: 600, then: .stall)
        }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages, timeout: .seconds(8)))
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("characters arrived, the reply was not finished") == true)
    }

    @Test func theAPIKeyNeverShows() {
        let model = OpenAICompatibleModel(baseURL: "http://127.0.0.1:1", model: "m", apiKey: APIKey("sk-secret-value"))
        #expect(!String(describing: model).contains("sk-secret"))
        #expect(!String(reflecting: model).contains("sk-secret"))
        #expect(!model.name.contains("sk-secret"))
    }
}
