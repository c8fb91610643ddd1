import Foundation
import TestSupport
import Testing

/// `--grammar`, `--timeout`, `--max-reply-chars` and `--max-request-ms` on every command that asks
/// a model, and the strategy's `model:` section beneath them, run through the built `fsd` against
/// a real in-process OpenAI-compatible server.
@Suite(.serialized) struct ModelOptionsCommandTests {
    static let eager = RunProcess.fixtures.appendingPathComponent("eager.yaml").path

    /// `fsd` run off the cooperative pool, which the test server's tasks need meanwhile.
    private func fsd(_ arguments: [String]) async throws -> RunProcess.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try RunProcess.run(arguments) })
            }
        }
    }

    /// eager.yaml with a `model:` section added after its first line.
    private func strategy(withModel section: String, in folder: URL) throws -> String {
        var lines = try String(contentsOfFile: Self.eager, encoding: .utf8).components(separatedBy: "\n")
        lines.insert(section, at: 1)
        let path = folder.appendingPathComponent("with-model.yaml").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func backtest(_ server: LLMTestServer, strategy: String, journal: String, _ extra: [String]) async throws
        -> RunProcess.Outcome
    {
        try await fsd(
            [
                "backtest", "--strategy", strategy, "--model", "openai:\(server.baseURL)#m", "--journal", journal,
                "--from", "09:30", "--to", "09:32", "--json",
            ] + extra)
    }

    @Test(arguments: ["decide", "run", "backtest"])
    func everyCommandThatAsksAModelHasTheRequestOptions(command: String) async throws {
        let help = try await fsd(["help", command])
        #expect(help.status == 0)
        for option in [
            "--grammar", "--no-grammar", "--grammar-think", "--timeout", "--max-reply-chars", "--max-request-ms",
        ] {
            #expect(help.stdout.contains(option), "\(command) lacks \(option)")
        }
    }

    @Test func backtestSendsTheGrammarAndCountsALongReplyAsAFailedRequest() async throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("bt.jsonl").path
        let server = try await LLMTestServer.start { _ in .openAIStream(content: "WAIT(\"quiet tape\")") }
        let outcome = try await backtest(
            server, strategy: Self.eager, journal: journal, ["--grammar", "--timeout", "60", "--max-reply-chars", "8"])
        let requests = await server.requests()
        await server.shutdown()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0.bodyText.contains("\"grammar\":\"root ::= command") })
        let replies = try RunProcess.records(journal).filter { $0["type"] as? String == "model_reply" }
        #expect(replies.count == requests.count)
        #expect(
            replies.allSatisfy {
                ($0["failure"] as? String)?.contains("passed 8 characters without ending") == true
                    && ($0["failure"] as? String)?.contains("raise --max-reply-chars") == true
            })
    }

    @Test func theCommandLineWinsOverTheStrategysModelSection() async throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("bt.jsonl").path
        let strategy = try strategy(
            withModel: "model:\n  grammar: commands\n  timeout_ms: 5000\n  max_reply_chars: 8", in: folder)
        let server = try await LLMTestServer.start { _ in .openAIStream(content: "WAIT(\"quiet tape\")") }
        let fromFile = try await backtest(server, strategy: strategy, journal: journal, [])
        let fileRequests = await server.requests()
        let fileReplies = try RunProcess.records(journal).filter { $0["type"] as? String == "model_reply" }
        let overridden = try await backtest(
            server, strategy: strategy, journal: journal, ["--no-grammar", "--max-reply-chars", "1000"])
        let allRequests = await server.requests()
        let overriddenReplies = try RunProcess.records(journal).filter { $0["type"] as? String == "model_reply" }
        await server.shutdown()

        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(!fileRequests.isEmpty)
        #expect(fileRequests.allSatisfy { $0.bodyText.contains("\"grammar\":") })
        #expect(fileReplies.allSatisfy { ($0["failure"] as? String)?.contains("passed 8 characters") == true })

        #expect(overridden.status == 0, "\(overridden.stderr)")
        let later = allRequests.dropFirst(fileRequests.count)
        #expect(!later.isEmpty)
        #expect(later.allSatisfy { !$0.bodyText.contains("\"grammar\":") })
        #expect(!overriddenReplies.isEmpty)
        #expect(
            overriddenReplies.allSatisfy {
                $0["failure"] is NSNull && $0["answer"] as? String == "WAIT(\"quiet tape\")"
            })
    }

    /// Issue #14's reproduction as it was reported: momentum.yaml asks on every tick, 10:00-10:05,
    /// and the server answers about 200 KB before `WAIT("x")` in one SSE chunk. It ran past 120 s;
    /// every reply now ends at the character limit and the backtest finishes.
    @Test(.timeLimit(.minutes(2)))
    func theReportedHugeReplyBacktestFinishes() async throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("bt.jsonl").path
        let content = String(repeating: "reconsider the tape once more; ", count: 6_500) + "WAIT(\"x\")"
        let body =
            "data: {\"choices\":[{\"delta\":{\"content\":\(JSONText.string(content))},\"finish_reason\":\"stop\"}]}"
            + "\n\ndata: [DONE]\n\n"
        let server = try await LLMTestServer.start { _ in
            ScriptedResponse(headers: [("content-type", "text/event-stream")], steps: [.send(Array(body.utf8))])
        }
        let outcome = try await fsd([
            "backtest", "--strategy", RunProcess.repositoryRoot.appendingPathComponent("strategies/momentum.yaml").path,
            "--from", "10:00", "--to", "10:05", "--model", "openai:\(server.baseURL)/v1#x", "--journal", journal,
            "--json",
        ])
        let requests = await server.requests()
        await server.shutdown()
        #expect(content.utf8.count > 200_000)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let replies = try RunProcess.records(journal).filter { $0["type"] as? String == "model_reply" }
        #expect(!requests.isEmpty)
        #expect(replies.count == requests.count)
        #expect(
            replies.allSatisfy {
                ($0["failure"] as? String)?.contains("passed 100000 characters without ending") == true
            })
    }

    /// The advice in a failed request's text ("raise --timeout", "raise --max-reply-chars") names
    /// only options the command that failed has.
    @Test(arguments: ["run", "backtest"])
    func theAdviceInAFailureNamesOnlyOptionsTheCommandHas(command: String) async throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("j.jsonl").path
        let server = try await LLMTestServer.start { request in
            request.bodyText.contains("SHORT") && request.bodyText.count % 2 == 0
                ? ScriptedResponse(headers: [("content-type", "text/event-stream")], steps: [.stall])
                : .openAIStream(content: "WAIT(\"quiet tape\")")
        }
        let window =
            command == "run" ? ["--speed", "20", "--until", "09:31", "--plain"] : ["--from", "09:30", "--to", "09:31"]
        let outcome = try await fsd(
            [
                command, "--strategy", Self.eager, "--model", "openai:\(server.baseURL)#m", "--journal", journal,
                "--timeout", "0.3", "--max-reply-chars", "12",
            ] + window)
        await server.shutdown()
        let help = try await fsd(["help", command]).stdout
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let failures = try RunProcess.records(journal).compactMap { $0["failure"] as? String }
        #expect(failures.contains { $0.contains("raise --max-reply-chars") })
        let named = Set(
            failures.flatMap { text in
                text.split(whereSeparator: { !($0.isLetter || $0 == "-") }).filter { $0.hasPrefix("--") }.map(
                    String.init)
            })
        #expect(named.contains("--max-reply-chars"))
        for option in named { #expect(help.contains(option), "\(command) has no \(option), yet a failure names it") }
    }

    @Test func aGrammarForOllamaIsRefusedBeforeAnyRequest() async throws {
        let outcome = try await fsd([
            "backtest", "--strategy", Self.eager, "--model", "ollama:http://127.0.0.1:1#m", "--grammar", "--no-journal",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: ollama has no GBNF grammar option: drop --grammar"))
    }

    @Test func aBadModelSectionIsAnErrorWithItsPlace() async throws {
        let folder = try RunProcess.temporaryFolder()
        let strategy = try strategy(withModel: "model:\n  grammar: comands\n  timeout_ms: -5", in: folder)
        let outcome = try await fsd(["backtest", "--strategy", strategy, "--model", "rules", "--no-journal"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains("with-model.yaml:3:12: error: unknown grammar 'comands'; did you mean 'commands'?"))
        #expect(outcome.stderr.contains("with-model.yaml:4:15: error: 'timeout_ms' cannot be negative"))
    }

    @Test func aTimeoutOutOfRangeIsInvalidInputOnRun() async throws {
        let outcome = try await fsd(["run", "--strategy", Self.eager, "--model", "rules", "--timeout", "0"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--timeout must be between 0 and 3600 seconds"))
    }
}
