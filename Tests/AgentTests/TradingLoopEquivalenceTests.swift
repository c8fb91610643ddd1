import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// The same minutes of the bundled GOOG session through the loop's backtest configuration
/// (simulated time) and its paced-replay configuration (`fsd run --speed N`): one loop, so the
/// journals must agree record for record: every tick, verdict, order, fill and the stop.
@Suite struct TradingLoopEquivalenceTests {
    private static let from = Timestamp(hours: 9, minutes: 30, seconds: 0)
    private static let until = Timestamp(hours: 9, minutes: 33, seconds: 0)

    private func run(timing: TradingLoop.Timing, latency: TradingLoop.LatencyPolicy, mode: RunMode, journal: String) async throws
        -> RunResult
    {
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let configuration = TradingLoop.Configuration(
            mode: mode, timing: timing, latency: latency, journal: .fresh(path: journal), account: "test",
            averageDailyVolume: 2_100_000, until: Self.until, untilReason: "until")
        return try await TradingLoop(configuration: configuration, venue: venue, strategy: strategy, decider: .rules()).run()
    }

    /// The journal's records as JSON objects, with the session record's mode (the one field that
    /// names the configuration) taken out.
    private func records(_ path: String) throws -> [NSDictionary] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var copy = object
            if copy["type"] as? String == "session" { copy["mode"] = nil }
            return copy as NSDictionary
        }
    }

    @Test func aBacktestAndAPacedReplayWriteTheSameJournal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-equivalence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backtestPath = directory.appendingPathComponent("backtest.jsonl").path
        let replayPath = directory.appendingPathComponent("replay.jsonl").path

        let backtest = try await run(timing: .simulated, latency: .fixed(.zero), mode: .backtest, journal: backtestPath)
        // Three minutes of data in about a second of wall time, on the wall clock's pace.
        let replay = try await run(timing: .paced(speed: 180), latency: .realTime, mode: .live, journal: replayPath)

        let a = try records(backtestPath)
        let b = try records(replayPath)
        let kinds = Set(a.compactMap { $0["type"] as? String })
        // The scenario must exercise what the loop decides: orders, fills and verdicts.
        #expect(kinds.isSuperset(of: ["session", "tick", "verdict", "order", "fill", "stop"]), "\(kinds.sorted())")
        #expect(backtest.core.execution.account.dailyTrades > 0)
        #expect(a.count == b.count)
        for (index, (left, right)) in zip(a, b).enumerated() where left != right {
            Issue.record("record \(index) differs:\n  backtest: \(left)\n  replay:   \(right)")
            break
        }
        #expect(backtest.stoppedAt == replay.stoppedAt)
        #expect(backtest.core.execution.account == replay.core.execution.account)
        #expect(backtest.stopReason == "until" && replay.stopReason == "until")
    }
}
