import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #12 item 2: a run's overrides are in its journal's session line and its summary, beside the
/// strategy hash that covers them.
@Suite struct OverridesRecordedTests {
    @Test func theSessionLineAndTheSummaryNameTheOverrides() async throws {
        let path = ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path
        let overrides = [try StrategyOverride.parse("risk.max_spread=0.40"), try StrategyOverride.parse("consult=on_setup")]
        let strategy = try StrategyLoader.load(contentsOf: path, overrides: overrides)
        let plain = try StrategyLoader.load(contentsOf: path)
        #expect(strategy.definition.overrides == ["risk.max_spread=0.40", "consult=on_setup"])
        #expect(strategy.definition.sourceHash != plain.definition.sourceHash)
        let journal = JournalTests.temporaryPath("overrides.jsonl")
        let summary = try await BacktestRunner(
            configuration: .init(
                dataPath: ScriptedModelBacktestTests.data, from: Timestamp(hours: 9, minutes: 30, seconds: 0),
                to: Timestamp(hours: 9, minutes: 30, seconds: 10), journalPath: journal),
            strategy: strategy, decider: .rules()
        ).run()
        #expect(summary.overrides == ["risk.max_spread=0.40", "consult=on_setup"])
        #expect(summary.text.contains("Overrides: --set risk.max_spread=0.40 --set consult=on_setup"))
        #expect(summary.json.contains(#""overrides":["risk.max_spread=0.40","consult=on_setup"]"#))
        let first = try #require(try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").first)
        let session = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(session["overrides"] as? [String] == ["risk.max_spread=0.40", "consult=on_setup"])
        #expect(session["strategy_hash"] as? String == strategy.definition.sourceHash)
    }
}
