import Foundation
import TestSupport
import Testing

/// #11: `fsd model check` against an ollama-style and an OpenAI-style server over real HTTP.
@Suite struct ModelCheckCommandTests {
    static let eager = RunProcess.fixtures.appendingPathComponent("eager.yaml").path

    private func fsd(_ arguments: [String]) async throws -> RunProcess.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try RunProcess.run(arguments) }) }
        }
    }

    private func json(_ outcome: RunProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)")
    }

    @Test func anOllamaReasoningModelIsMeasuredOnASetupAQuietTickAndAHeldPosition() async throws {
        let server = try await LLMTestServer.start { _ in
            .ollamaChat(thinking: "The imbalance favours buyers; the tape agrees.", content: "WAIT(\"checking\")")
        }
        let outcome = try await fsd([
            // A generous timeout: the end-to-end pass runs many child processes at once on 2 cores.
            "model", "check", "--model", "ollama:\(server.baseURL)#deepseek-r1:8b", "--strategy", Self.eager, "--to", "09:45",
            "--timeout", "120", "--json",
        ])
        let requests = await server.requests()
        await server.shutdown()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try json(outcome)
        let calls = try #require(report["calls"] as? [[String: Any]])
        #expect(calls.compactMap { $0["label"] as? String }.map { $0.components(separatedBy: " (").first ?? $0 }
            == ["setup", "no setup", "held LONG position"] || calls.count == 3, "\(calls)")
        #expect(requests.count == calls.count)
        #expect(
            calls.allSatisfy { $0["parsed"] as? Bool == true && $0["command"] as? String == "WAIT(\"checking\")" },
            "\(calls.map { $0["failure"] ?? "" })")
        #expect(calls.allSatisfy { ($0["reasoning_chars"] as? Int ?? 0) > 0 && $0["prompt_tokens"] as? Int == 1600 })
        // ollama does not say how much of the prompt it reused.
        #expect(calls.allSatisfy { $0["cached_prompt_tokens"] is NSNull })
        // The held position's prompt carries the position the check put in it.
        #expect(requests.last?.bodyText.contains("POSITION") == true)
        #expect((report["setups"] as? Int ?? 0) > 0)
        #expect(report["prompt_prefix_stable"] as? Bool == true, "\(report)")
        #expect((report["advice"] as? String)?.isEmpty == false)
    }

    @Test func aSlowOpenAIModelIsToldWhatItsLatencyMeans() async throws {
        let server = try await LLMTestServer.start { _ in
            var reply = ScriptedResponse.openAIStream(content: "garbled reply")
            reply.steps.insert(.pause(.milliseconds(3000)), at: 0)
            return reply
        }
        let outcome = try await fsd([
            "model", "check", "--model", "openai:\(server.baseURL)#m", "--strategy", Self.eager, "--to", "09:45", "--timeout", "120",
        ])
        await server.shutdown()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Model check: "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("NOT PARSED"))
        // llama.cpp's `timings.cache_n` (820 in the scripted reply) is read and reported.
        #expect(outcome.stdout.contains("prompt 1600 tokens (820 reused from the server's cache)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("Setups on this data: "))
        let meaning = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Meaning: ") })
        #expect(meaning.contains("gate: hold"), "\(meaning)")
    }

    @Test func rulesAskNoModel() async throws {
        let outcome = try await fsd(["model", "check", "--model", "rules", "--strategy", Self.eager, "--to", "09:40"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--model rules asks no model"))
    }
}
