import Brain
import TestSupport
import Testing

/// A hostile or broken server cannot hold a decision: 10 MB, a stream without end, a trickle of one
/// byte a second, or a stall after the headers each end the request with an error that says which
/// limit ended it and how the reply began, in both wire formats.
@Suite struct ReplyLimitsTests {
    enum Wire: String, CaseIterable, Sendable {
        case ollama, openAI

        func model(_ server: LLMTestServer) -> any LanguageModel {
            switch self {
            case .ollama: OllamaModel(baseURL: server.baseURL, model: "m", think: false)
            case .openAI: OpenAICompatibleModel(baseURL: server.baseURL, model: "m")
            }
        }

        /// One complete chunk of the stream carrying `text` as answer.
        func chunk(_ text: String) -> String {
            switch self {
            case .ollama: "{\"message\":{\"role\":\"assistant\",\"content\":\(JSONText.string(text))},\"done\":false}\n"
            case .openAI: "data: {\"choices\":[{\"delta\":{\"content\":\(JSONText.string(text))}}]}\n\n"
            }
        }

        /// The start of a chunk whose text never ends.
        var openChunk: String {
            switch self {
            case .ollama: "{\"message\":{\"role\":\"assistant\",\"content\":\""
            case .openAI: "data: {\"choices\":[{\"delta\":{\"content\":\""
            }
        }

        var contentType: String {
            switch self {
            case .ollama: "application/x-ndjson"
            case .openAI: "text/event-stream"
            }
        }

        /// A whole well-formed reply answering `content`.
        func reply(_ content: String, chunkBytes: Int) -> ScriptedResponse {
            switch self {
            case .ollama: .ollamaChat(content: content, chunkBytes: chunkBytes)
            case .openAI: .openAIStream(content: content, chunkBytes: chunkBytes)
            }
        }
    }

    private func ask(
        _ wire: Wire, timeout: Duration = .seconds(20), limits: ReplyLimits = .default,
        _ respond: @escaping @Sendable (CapturedRequest) -> ScriptedResponse
    ) async throws -> ModelError? {
        try await withServer(respond) { server in
            await modelError {
                try await wire.model(server).complete(
                    ModelRequest(messages: seedMessages, timeout: timeout, limits: limits))
            }
        }
    }

    @Test func theDefaultsAreStated() {
        #expect(ReplyLimits.default.maxCharacters == 100_000)
        #expect(ReplyLimits.default.maxRequestTime == .seconds(300))
        #expect(ModelRequest(messages: seedMessages).limits == .default)
    }

    @Test(arguments: Wire.allCases)
    func tenMegabytesInOneLineEndAtTheLineLimit(wire: Wire) async throws {
        let body = Array((wire.openChunk + String(repeating: "a", count: 10_000_000)).utf8)
        let error = try await ask(wire) { _ in
            .chunked(contentType: wire.contentType, body: body, chunkBytes: 65_536, gap: .zero)
        }
        #expect(error?.kind == .replyTooLong, "\(String(describing: error))")
        #expect(error?.message.contains("passed 665536 bytes without ending") == true)
        #expect(error?.message.contains("the reply began: `\(wire.openChunk)aaaa") == true)
    }

    @Test(arguments: Wire.allCases)
    func tenMegabytesOfChunksEndAtTheCharacterLimit(wire: Wire) async throws {
        let piece = String(repeating: "b", count: 1000)
        let body = Array(String(repeating: wire.chunk(piece), count: 10_000).utf8)
        #expect(body.count > 10_000_000)
        let error = try await ask(wire) { _ in
            .chunked(contentType: wire.contentType, body: body, chunkBytes: 65_536, gap: .zero)
        }
        #expect(error?.kind == .replyTooLong)
        #expect(error?.message.contains("passed 100000 characters without ending") == true)
        #expect(error?.message.hasSuffix("the reply began: `\(String(repeating: "b", count: 200))`") == true)
    }

    @Test(arguments: Wire.allCases)
    func aStreamWithoutEndEndsAtTheCharacterLimit(wire: Wire) async throws {
        let error = try await ask(wire, limits: ReplyLimits(maxCharacters: 5_000)) { _ in
            ScriptedResponse(
                headers: [("content-type", wire.contentType)], steps: [.repeatForever(Array(wire.chunk("tick ").utf8))])
        }
        #expect(error?.kind == .replyTooLong)
        #expect(error?.message.contains("passed 5000 characters without ending") == true)
        #expect(error?.message.contains("the reply began: `tick tick tick ") == true)
    }

    @Test(arguments: Wire.allCases)
    func aTrickleOfOneByteASecondEndsAtTheTimeout(wire: Wire) async throws {
        let body = Array(wire.reply("WAIT(\"slow\")", chunkBytes: 1).bodyBytes)
        let steps = body.prefix(600).flatMap { [ScriptedResponse.Step.send([$0]), .pause(.seconds(1))] }
        let error = try await ask(wire, timeout: .seconds(3)) { _ in
            ScriptedResponse(headers: [("content-type", wire.contentType)], steps: steps)
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("within 3 s (nothing arrived): raise --timeout") == true)
    }

    @Test(arguments: Wire.allCases)
    func aTrickleEndsAtTheRequestLimitBeforeALongerTimeout(wire: Wire) async throws {
        let steps = Array(wire.chunk("x").utf8).flatMap { [ScriptedResponse.Step.send([$0]), .pause(.seconds(1))] }
        let error = try await ask(wire, timeout: .seconds(600), limits: ReplyLimits(maxRequestTime: .seconds(3))) { _ in
            ScriptedResponse(headers: [("content-type", wire.contentType)], steps: steps + [.stall])
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("passed its limit of 3 s in all") == true)
        #expect(error?.message.contains("raise --max-request-ms") == true)
    }

    @Test(arguments: Wire.allCases)
    func aStallAfterTheHeadersEndsAtTheTimeout(wire: Wire) async throws {
        let error = try await ask(wire, timeout: .seconds(2)) { _ in
            ScriptedResponse(headers: [("content-type", wire.contentType)], steps: [.stall])
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("within 2 s (nothing arrived)") == true)
    }

    @Test(arguments: Wire.allCases)
    func aReplyUnderTheLimitsIsRead(wire: Wire) async throws {
        let reasoning = String(repeating: "thinking… ", count: 2_000)
        let reply = try await withServer({ _ in
            switch wire {
            case .ollama: .ollamaChat(thinking: reasoning, content: "WAIT(\"x\")", pieceSize: 64, chunkBytes: 4096)
            case .openAI: .openAIStream(reasoning: reasoning, content: "WAIT(\"x\")", pieceSize: 64, chunkBytes: 4096)
            }
        }) { server in
            try await wire.model(server).complete(
                ModelRequest(messages: seedMessages, limits: ReplyLimits(maxCharacters: 20_009)))
        }
        #expect(reply.answer == "WAIT(\"x\")")
        #expect(reply.reasoning == reasoning)
    }
}
