import Brain
import Foundation
import MarketData
import Strategy
import TestSupport
import Testing

@testable import Agent

/// #11 item 3 in the loop: a backtest on the bundled day with a model that would reason for ten
/// seconds a question. The think budget stops each stream, the forced answer is judged, the journal
/// says what happened, and the latency charged is the two requests' together; the recorded run
/// replays to the same decisions without asking twice.
@Suite(.serialized) struct ThinkBudgetBacktestTests {
    static let entry = "ENTER_LONG(580.00, 579.80, 580.50)"

    /// ollama's thinking line every 2 ms, for ten seconds.
    static let thinkingForever: ScriptedResponse = {
        let line =
            "{\"model\":\"deepseek-r1:8b\",\"created_at\":\"2026-11-25T12:00:00.000000Z\",\"message\":{\"role\":\"assistant\","
            + "\"content\":\"\",\"thinking\":\"hmm \"},\"done\":false}\n"
        let steps = (0..<5000).flatMap { _ in [ScriptedResponse.Step.send(Array(line.utf8)), .pause(.milliseconds(2))] }
        return ScriptedResponse(status: 200, headers: [("content-type", "application/x-ndjson")], steps: steps)
    }()

    private func run(_ model: any LanguageModel, journal: String) async throws -> BacktestSummary {
        let template = try PromptTemplate.locate(explicit: nil, strategyPath: nil)
        let decider = Decider.model(
            model, template: template, sampling: Decider.Sampling(thinkBudget: ThinkBudget(maxTokens: 20)))
        let configuration = BacktestRunner.Configuration(
            dataPath: ScriptedModelBacktestTests.data, from: Timestamp(hours: 9, minutes: 30, seconds: 0),
            to: Timestamp(hours: 9, minutes: 30, seconds: 40), journalPath: journal)
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        return try await BacktestRunner(configuration: configuration, strategy: strategy, decider: decider).run()
    }

    @Test func eachAnswerIsForcedWithinTheBudgetJournaledAndChargedAtItsWholeCost() async throws {
        let server = try await LLMTestServer.start { request in
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            return body["think"] as? Bool == false ? .ollamaChat(content: Self.entry) : Self.thinkingForever
        }
        defer { Task { await server.shutdown() } }
        let journal = JournalTests.temporaryPath("think-budget.jsonl")
        let summary = try await run(OllamaModel(baseURL: server.baseURL, model: "deepseek-r1:8b"), journal: journal)
        let records = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let replies = records.filter { $0["type"] as? String == "model_reply" }
        #expect(!replies.isEmpty)
        #expect(await server.requests().count == 2 * replies.count)
        #expect(summary.statistics.thinkBudgetSpent[.forceAnswer] == replies.count)
        for reply in replies {
            let budget = try #require(reply["think_budget"] as? [String: Any])
            #expect(budget["limit"] as? Int == 20)
            #expect(budget["action"] as? String == "force_answer")
            #expect((budget["spent"] as? Int ?? 0) > 20)
            #expect(reply["finish_reason"] as? String == ModelReply.forcedAnswerReason)
            #expect(reply["answer"] as? String == Self.entry)
            // What the backtest charged is what the two requests took.
            let charged = try #require(reply["charged_latency_ms"] as? Double)
            let measured = Double(try #require(reply["latency_us"] as? Int)) / 1000
            #expect(abs(charged - measured) < 0.001)
            let parts = (budget["thinking_ms"] as? Double ?? 0) + (budget["answer_ms"] as? Double ?? 0)
            #expect(abs(parts - charged) < 0.01, "\(parts) ms of parts, \(charged) ms charged")
        }
        #expect(summary.text.contains("Think budget spent by \(replies.count) answers: \(replies.count) forced to answer, 0 made WAIT"))

        // The recorded run replays each forced answer as one reply, at the latency it cost.
        let replay = try await run(try RecordedModel(journalPath: journal), journal: JournalTests.temporaryPath("think-replay.jsonl"))
        #expect(replay.statistics.verdicts == summary.statistics.verdicts)
        #expect(replay.statistics.modelLatencies.count == replies.count)
        #expect(replay.statistics.thinkBudgetSpent.isEmpty)
    }
}
