import Brain
import TestSupport
import Testing

/// The HTTP exchange itself: a dead kept-alive connection costs one retry on a new connection, not
/// the decision; a redirect never carries the prompt to another address.
@Suite struct StreamingPostTests {
    static let answer = "ENTER_LONG(245.50, 245.30, 246.80)"

    @Test func aDeadKeepAliveConnectionIsRetriedOnceOnANewOne() async throws {
        // The second request on a kept-alive connection finds it closed by the server, as when its
        // keep-alive timer fires just as the request is sent.
        let (replies, requests) = try await withServer({ request in
            request.onConnection == 0 ? ScriptedResponse.openAIStream(content: Self.answer).keepingAlive() : .hangingUp
        }) { server in
            let model = OpenAICompatibleModel(baseURL: server.baseURL, model: "m")
            let first = try await model.complete(ModelRequest(messages: seedMessages))
            let second = try await model.complete(ModelRequest(messages: seedMessages))
            return ([first.answer, second.answer], await server.requests())
        }
        #expect(replies == [Self.answer, Self.answer])
        #expect(requests.map(\.onConnection) == [0, 1, 0])
    }

    @Test func aServerThatAlwaysHangsUpIsAskedTwiceNotMore() async throws {
        let (error, requests) = try await withServer({ _ in .hangingUp }) { server in
            let error = await modelError {
                try await OllamaModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages))
            }
            return (error, await server.requests())
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.message.contains("closed before any reply, on a new connection too") == true)
        #expect(requests.count == 2)
    }

    @Test func theRequestAfterATimeoutIsAnswered() async throws {
        let (outcomes, requests) = try await withServer({ request in
            request.bodyText.contains("STALL")
                ? ScriptedResponse(headers: [("content-type", "text/event-stream")], steps: [.stall]).keepingAlive()
                : ScriptedResponse.openAIStream(content: Self.answer).keepingAlive()
        }) { server in
            let model = OpenAICompatibleModel(baseURL: server.baseURL, model: "m")
            let stalled = await modelError {
                try await model.complete(
                    ModelRequest(messages: [.system("x"), .user("STALL")], timeout: .seconds(2)))
            }
            let next = try await model.complete(ModelRequest(messages: seedMessages))
            return ([stalled?.kind.rawValue ?? "none", next.answer], await server.requests())
        }
        #expect(outcomes == ["timeout", Self.answer])
        #expect(requests.count >= 2)
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectIsRefusedAndThePromptGoesNowhereElse(status: Int) async throws {
        let elsewhere = try await LLMTestServer.start { _ in .openAIStream(content: Self.answer) }
        let target = elsewhere.baseURL + "/v1/chat/completions"
        let error = try await withServer({ _ in
            ScriptedResponse(status: status, headers: [("location", target), ("content-length", "0")], steps: [])
        }) { server in
            await modelError {
                try await OpenAICompatibleModel(baseURL: server.baseURL, model: "m").complete(
                    ModelRequest(messages: seedMessages))
            }
        }
        let forwarded = await elsewhere.requests()
        await elsewhere.shutdown()
        #expect(error?.kind == .redirectRefused)
        #expect(error?.message.contains("HTTP \(status) from http://127.0.0.1:") == true)
        #expect(error?.message.contains("redirects to \(target): redirects are not followed") == true)
        #expect(forwarded.isEmpty)
    }
}
