import Brain
import Foundation
import MarketData
import Strategy
import TestSupport
import Testing

@testable import Agent

/// Issue #14's reproduction: an OpenAI-compatible server on loopback that answers about 200 KB of
/// text before `WAIT("x")`, as one SSE chunk or streamed, made a five-minute backtest run past
/// 120 s. Each reply now ends at the character limit, counts as a failed request (a wait) with the
/// reply's beginning journaled, and the backtest finishes.
@Suite(.serialized) struct HugeReplyBacktestTests {
    static let filler = String(
        repeating: "The imbalance is strong but let me reconsider the tape once more. ", count: 3_100)

    enum Delivery: String, CaseIterable, Sendable {
        case oneChunk, streamed

        var response: ScriptedResponse {
            let content = HugeReplyBacktestTests.filler + "WAIT(\"x\")"
            switch self {
            case .oneChunk:
                let body =
                    "data: {\"choices\":[{\"delta\":{\"content\":\(JSONText.string(content))},\"finish_reason\":\"stop\"}]}"
                    + "\n\ndata: [DONE]\n\n"
                return ScriptedResponse(
                    headers: [("content-type", "text/event-stream")], steps: [.send(Array(body.utf8))])
            case .streamed:
                return .openAIStream(content: content, pieceSize: 64, chunkBytes: 65_536)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: Delivery.allCases)
    func aBacktestAgainstAServerAnswering200KBFinishes(delivery: Delivery) async throws {
        #expect(Self.filler.utf8.count > 200_000)
        let response = delivery.response
        let server = try await LLMTestServer.start { _ in response }
        defer { Task { await server.shutdown() } }
        let template = try PromptTemplate.locate(explicit: nil, strategyPath: nil)
        let decider = Decider.model(
            OpenAICompatibleModel(baseURL: server.baseURL + "/v1", model: "x"), template: template)
        let journal = JournalTests.temporaryPath("huge-\(delivery.rawValue).jsonl")
        let configuration = BacktestRunner.Configuration(
            dataPath: ScriptedModelBacktestTests.data, from: Timestamp(hours: 9, minutes: 30, seconds: 0),
            to: Timestamp(hours: 9, minutes: 35, seconds: 0), latency: nil, journalPath: journal)
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let summary = try await BacktestRunner(configuration: configuration, strategy: strategy, decider: decider).run()

        let requests = await server.requests()
        #expect(!requests.isEmpty)
        let stats = summary.statistics
        #expect(stats.trades.isEmpty)
        // A reply that took longer than max_decision_age_ms to fail (a loaded machine) is stale,
        // not a wait: either way nothing was accepted.
        #expect((stats.verdicts[.wait] ?? 0) + (stats.verdicts[.stale] ?? 0) == requests.count)
        #expect(stats.verdicts[.accepted] == nil)
        let failures = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\"type\":\"model_reply\"") }
        #expect(failures.count == requests.count)
        #expect(failures.allSatisfy { $0.contains("passed 100000 characters without ending") })
        #expect(failures.allSatisfy { $0.contains("the reply began: `The imbalance is strong but let me reconsider") })
    }
}
