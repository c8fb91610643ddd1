import Brain
import Foundation
import MarketData
import Strategy
import TestSupport
import Testing

@testable import Agent

/// The loop on the real bundled GOOG session with a model that answers over real HTTP (ollama's
/// wire format from an in-process server), so the gate's arrival-time rules are exercised exactly as
/// they are live.
@Suite(.serialized) struct ScriptedModelBacktestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let data = root.appendingPathComponent("data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz").path
    static let fixtures = root.appendingPathComponent("Tests/AgentTests/Fixtures")

    private func strategy() throws -> CompiledStrategy {
        try StrategyLoader.load(contentsOf: Self.fixtures.appendingPathComponent("eager.yaml").path)
    }

    /// A server whose model always wants to buy, reasoning first, as deepseek-r1 does.
    private func alwaysLong() async throws -> LLMTestServer {
        try await LLMTestServer.start { _ in
            .ollamaChat(thinking: "Imbalance strong. Enter.", content: "ENTER_LONG(580.00, 579.80, 580.50)")
        }
    }

    private func run(_ server: LLMTestServer, latency: Duration?, journal: String) async throws -> BacktestSummary {
        let template = try PromptTemplate.locate(explicit: nil, strategyPath: nil)
        let decider = Decider.model(OllamaModel(baseURL: server.baseURL, model: "deepseek-r1:8b"), template: template)
        let configuration = BacktestRunner.Configuration(
            dataPath: Self.data, from: Timestamp(hours: 9, minutes: 30, seconds: 0), to: Timestamp(hours: 9, minutes: 32, seconds: 0),
            latency: latency, journalPath: journal)
        return try await BacktestRunner(configuration: configuration, strategy: try strategy(), decider: decider).run()
    }

    @Test func theGateRefusesAnEntryWhoseChecklistFailsAtArrival() async throws {
        let server = try await alwaysLong()
        defer { Task { await server.shutdown() } }
        let journal = JournalTests.temporaryPath("scripted.jsonl")
        let summary = try await run(server, latency: .milliseconds(300), journal: journal)
        let requests = await server.requests()
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0.path == "/api/chat" })
        let stats = summary.statistics
        #expect(stats.modelLatencies.count == requests.count)
        // Asked on a short setup (the long checklist failing), the model's ENTER_LONG is refused.
        #expect(stats.matrix[.enterLong, .short] + stats.matrix[.enterLong, .none] > 0)
        #expect((stats.verdicts[.refused] ?? 0) > 0)
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        let refusals = text.split(separator: "\n").filter { $0.contains("\"verdict\":\"refused\"") && $0.contains("refused ENTER_LONG: imbalance: L2_IMBALANCE > 2.0 fails (L2_IMBALANCE = ") }
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { $0.contains(" at arrival\"") && $0.contains("\"age_ms\":300.0") })
        // Every reply is journaled in the brain's ModelReplyRecord shape, which RecordedModel reads back.
        let replies = text.split(separator: "\n").filter { $0.contains("\"type\":\"model_reply\"") }
        #expect(replies.count == requests.count)
        let firstReply = try #require(replies.first)
        let decoded = try ModelReplyRecord.decode(line: String(firstReply))
        let record = try #require(decoded)
        #expect(record.answer == "ENTER_LONG(580.00, 579.80, 580.50)")
        #expect(record.reasoning == "Imbalance strong. Enter.")
    }

    @Test func anAnswerLaterThanTheMaximumAgeIsDropped() async throws {
        let server = try await alwaysLong()
        defer { Task { await server.shutdown() } }
        let journal = JournalTests.temporaryPath("stale.jsonl")
        // eager.yaml: max_decision_age_ms 1000; every answer is charged 1500 ms.
        let summary = try await run(server, latency: .milliseconds(1500), journal: journal)
        let stats = summary.statistics
        let answers = stats.verdicts.values.reduce(0, +)
        #expect(answers > 0)
        #expect(stats.verdicts[.stale] == answers)
        #expect(stats.trades.isEmpty)
        // #11: stale answers are setups lost to latency, kept out of the agreement matrix.
        #expect(stats.matrix.total == 0)
        #expect(stats.setupsLostToLatency > 0 && stats.setupsLostToLatency <= answers)
        #expect(summary.text.contains("setups lost to latency \(stats.setupsLostToLatency)"))
        #expect(summary.json.contains("\"setups_lost_to_latency\":\(stats.setupsLostToLatency)"))
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(text.contains("dropped ENTER_LONG: stale, it arrived 1500 ms after the question > max_decision_age_ms 1000"))
        #expect(!text.contains("\"action\":\"submit\""))
    }

    @Test func aReplyWithoutACommandIsAWaitThatDeclinesNothing() async throws {
        let server = try await LLMTestServer.start { _ in .ollamaChat(content: "I would buy here, probably.") }
        defer { Task { await server.shutdown() } }
        let journal = JournalTests.temporaryPath("garbled.jsonl")
        let summary = try await run(server, latency: .milliseconds(100), journal: journal)
        #expect(summary.statistics.matrix.total > 0)
        #expect(summary.statistics.matrix[.parseFailure, .long]
                + summary.statistics.matrix[.parseFailure, .short] > 0)
        let verdicts = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\"type\":\"verdict\"") }
        #expect(!verdicts.isEmpty)
        #expect(verdicts.allSatisfy { $0.contains("\"reason\":\"no command, counted as WAIT: parse failure: ") })
        #expect(verdicts.contains { $0.contains("setup the checklist passes is not taken") })
        #expect(!verdicts.contains { $0.contains("declined") })
    }
}
