import Brain
import Foundation
import MarketData
import StateVector
import Strategy
import TestSupport
import Testing

@testable import Agent

/// #11 item 2: a question that no longer matters is given up. A reasoning model streaming slowly
/// over real HTTP is asked on a quiet tick; when a setup appears the agent closes that request (the
/// server sees the connection end), journals `model_cancelled` and asks about the setup at once.
@Suite(.serialized) struct ModelCancelTests {
    /// ollama's NDJSON thinking line, sent every 100 ms for a minute: an answer that never comes in time.
    static let thinkingForever: ScriptedResponse = {
        let line = "{\"model\":\"deepseek-r1:8b\",\"created_at\":\"2026-11-25T12:00:00.000000Z\",\"message\":{\"role\":\"assistant\","
            + "\"content\":\"\",\"thinking\":\"hmm \"},\"done\":false}\n"
        let steps = (0..<600).flatMap { _ in [ScriptedResponse.Step.send(Array(line.utf8)), .pause(.milliseconds(100))] }
        return ScriptedResponse(status: 200, headers: [("content-type", "application/x-ndjson")], steps: steps)
    }()

    @Test func aSetupTheRequestInFlightWasNotAskedAboutClosesItAndAsksAgain() async throws {
        let server = try await LLMTestServer.start { _ in Self.thinkingForever }
        defer { Task { await server.shutdown() } }
        var source = try String(
            contentsOfFile: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path, encoding: .utf8)
        source = source.replacingOccurrences(of: "consult: on_setup_or_position", with: "consult: every_tick")
        let strategy = try StrategyLoader.compile(source: source, fileName: "eager-every-tick.yaml")
        let journal = JournalTests.temporaryPath("cancel.jsonl")
        let template = try PromptTemplate.locate(explicit: nil, strategyPath: nil)
        let decider = Decider.model(OllamaModel(baseURL: server.baseURL, model: "deepseek-r1:8b"), template: template)
        let configuration = TradingLoop.Configuration(
            mode: .live, timing: .paced(speed: 30), latency: .realTime, journal: .fresh(path: journal), account: "test",
            until: Timestamp(hours: 9, minutes: 32, seconds: 0), untilReason: "until")
        let result = try await TradingLoop(
            configuration: configuration, venue: try SimulatedVenue(path: ScriptedModelBacktestTests.data), strategy: strategy,
            decider: decider
        ).run()
        let records = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let cancels = records.filter { $0["type"] as? String == "model_cancelled" }
        #expect(cancels.count >= 2, "\(cancels.count) cancellations")
        #expect(result.core.statistics.modelCancelled == cancels.count)
        let first = try #require(cancels.first?["reason"] as? String)
        #expect(first.hasSuffix("setup appeared; the question was asked on no setup"), "\(first)")
        // Each cancellation asks again at once: one request more than the cancellations.
        let requests = records.filter { $0["type"] as? String == "model_request" }
        #expect(requests.count == cancels.count + 1)
        // A request given up within a tick or two may be closed before it reaches the server.
        let served = await server.requests().count
        #expect(served >= 2 && served <= cancels.count + 1, "\(served) requests served for \(cancels.count) cancellations")
        // The request after a cancel is asked on the setup that cancelled it, at the same tick.
        let second = try #require(requests.dropFirst().first)
        #expect(second["time"] as? String == cancels.first?["time"] as? String)
        #expect(["LONG", "SHORT"].contains(second["checklist"] as? String ?? ""))
        // Really closed: the server saw every stream it served end (the last when the run stopped),
        // long before its minute of thinking was over.
        var closed = 0
        for _ in 0..<50 {
            closed = await server.closedConnections()
            if closed >= served { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(closed == served, "\(closed) connections closed of \(served) served")
        // No answer to a cancelled question is judged.
        #expect(!records.contains { $0["type"] as? String == "verdict" })
    }

    @Test func aPositionChangeOrANewSetupMakesAQuestionMootButAFadedOneDoesNot() throws {
        var asked = StateVector()
        asked.account.position = 0
        let question = Consultation(
            id: 1, askedAt: Timestamp(hours: 10, minutes: 0, seconds: 0), state: asked, previous: nil, longPassed: false,
            shortPassed: false)
        var now = StateVector()
        #expect(AgentCore.mootReason(question, long: false, short: false, state: now) == nil)
        #expect(
            AgentCore.mootReason(question, long: true, short: false, state: now)
                == "a LONG setup appeared; the question was asked on no setup")
        now.account.position = 100
        now.account.positionSide = .long
        #expect(AgentCore.mootReason(question, long: false, short: false, state: now) == "the position changed from 0 to 100 since it was asked")
        let onLong = Consultation(id: 2, askedAt: question.askedAt, state: asked, previous: nil, longPassed: true, shortPassed: false)
        // Asked on the long setup: it fading keeps the question (gate: hold may still take it); a
        // short setup replaces it.
        #expect(AgentCore.mootReason(onLong, long: false, short: false, state: asked) == nil)
        #expect(AgentCore.mootReason(onLong, long: true, short: false, state: asked) == nil)
        #expect(
            AgentCore.mootReason(onLong, long: false, short: true, state: asked)
                == "a SHORT setup appeared; the question was asked on the LONG setup")
    }
}
