import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #16: `tick.position` dropped the sign of a short (the state vector's position is unsigned, its
/// side apart). Every tick and model request must agree with the snapshot before it.
@Suite struct JournalPositionSignTests {
    @Test func aShortIsJournaledNegativeInTicksAsInSnapshots() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let configuration = TradingLoop.Configuration(
            mode: .backtest, timing: .simulated, latency: .fixed(.zero), journal: .fresh(path: path), account: "test",
            until: Timestamp(hours: 10, minutes: 0, seconds: 0), untilReason: "until")
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        _ = try await TradingLoop(configuration: configuration, venue: venue, strategy: strategy, decider: .rules()).run()

        var held: Int64 = 0
        var shortTicks = 0
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let position = (record["position"] as? NSNumber)?.int64Value else { continue }
            switch record["type"] as? String {
            case "snapshot": held = position
            case "tick", "model_request":
                #expect(position == held, "\(record["type"] ?? "") at \(record["time"] ?? "")")
                if position < 0 { shortTicks += 1 }
            default: break
            }
        }
        #expect(shortTicks > 0, "the scenario must hold a short at some journaled tick")
    }
}
