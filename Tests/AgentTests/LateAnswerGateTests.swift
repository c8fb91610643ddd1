import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #11 on a real day: AMZN 2012-06-21 (level 5, ../shared/data), momentum.yaml relaxed for it, the
/// rules' own bracket charged a reasoning model's 12 s. Under `gate: arrival` every setup is lost
/// to latency; under `gate: hold` entries are taken and none breaks a risk limit.
@Suite struct LateAnswerGateTests {
    static let amzn = ScriptedModelBacktestTests.root.deletingLastPathComponent()
        .appendingPathComponent("shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_5.csv.gz").path

    private func run(gate: GateMode) async throws -> (records: [[String: Any]], lost: Int) {
        var source = try String(
            contentsOfFile: ScriptedModelBacktestTests.fixtures.appendingPathComponent("relaxed-momentum.yaml").path, encoding: .utf8)
        if gate == .hold { source = source.replacingOccurrences(of: "consult: on_setup_or_position\n", with: "consult: on_setup_or_position\ngate: hold\n") }
        let strategy = try StrategyLoader.compile(source: source, fileName: "relaxed-momentum.yaml")
        #expect(strategy.definition.gate == gate)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-late-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("day.jsonl").path
        let configuration = TradingLoop.Configuration(
            mode: .backtest, timing: .simulated, latency: .fixed(.seconds(12)), journal: .fresh(path: journal), account: "test",
            averageDailyVolume: 1_000_000, until: Timestamp(hours: 11, minutes: 0, seconds: 0), untilReason: "until")
        let result = try await TradingLoop(
            configuration: configuration, venue: try SimulatedVenue(path: Self.amzn), strategy: strategy, decider: .rules()
        ).run()
        let records = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (records, result.core.statistics.setupsLostToLatency)
    }

    private func verdicts(_ records: [[String: Any]], _ kind: String) -> [String] {
        records.filter { $0["type"] as? String == "verdict" && $0["verdict"] as? String == kind }.compactMap { $0["reason"] as? String }
    }

    @Test func aTwelveSecondModelTradesUnderHoldAndLosesEverySetupUnderArrival() async throws {
        guard FileManager.default.fileExists(atPath: Self.amzn) else {
            print("skipped: \(Self.amzn) is absent (../shared/data is not next to this clone)")
            return
        }
        let (arrival, lostUnderArrival) = try await run(gate: .arrival)
        #expect(verdicts(arrival, "accepted").isEmpty)
        let lost = verdicts(arrival, "refused")
        #expect(lost.count >= 20, "\(lost.count) setups lost to latency")
        #expect(lost.allSatisfy { $0.hasSuffix("at arrival") || $0.contains("by risk") })
        #expect(lostUnderArrival == lost.filter { $0.hasSuffix("at arrival") }.count, "the summary counts them")

        let (hold, lostUnderHold) = try await run(gate: .hold)
        #expect(lostUnderHold < lostUnderArrival)
        let taken = verdicts(hold, "accepted")
        #expect(taken.count >= 2, "\(taken.count) entries under gate: hold")
        #expect(taken.allSatisfy { $0.hasSuffix("(gate: hold)") })
        #expect(hold.contains { $0["type"] as? String == "fill" && $0["role"] as? String == "ENTRY" })
        #expect(verdicts(hold, "refused").contains { $0.contains("the setup was invalidated by arrival") || $0.contains("setup was invalidated") })
        // No risk limit was breached: one position of at most 100 shares, no halt, within the trade limit.
        for record in hold where record["type"] as? String == "snapshot" {
            #expect(abs((record["position"] as? Int) ?? 0) <= 100)
            #expect(((record["daily_trades"] as? Int) ?? 0) <= 10)
        }
        let stop = try #require(hold.last { $0["type"] as? String == "stop" })
        #expect(stop["halted"] is NSNull)
        #expect(stop["flat"] as? Bool == true)
    }
}
