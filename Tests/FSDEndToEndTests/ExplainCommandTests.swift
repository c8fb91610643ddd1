import Foundation
import Testing

@Suite struct ExplainCommandTests {
    static let seed = "Tests/Fixtures/seed-state.json"

    @Test func scenarioAShowsAllSevenLongConditionsPassing() throws {
        let outcome = try ValidateExplainRunner.run([
            "explain", "--strategy", "strategies/momentum.yaml", "--state", Self.seed,
        ])
        #expect(outcome.status == 0)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "strategy momentum (strategies/momentum.yaml) on Tests/Fixtures/seed-state.json")
        #expect(lines.contains("LONG entry: 7/7 conditions pass"))
        #expect(lines.contains("  ✓ imbalance    L2_IMBALANCE > 1.5  [L2_IMBALANCE = 2.1]"))
        #expect(
            lines.contains(
                "  ✓ location     HOD_LOD_LOC in [TESTING_HOD, NEAR_HOD, BREAKOUT]  [HOD_LOD_LOC = TESTING_HOD]"))
        #expect(
            lines.contains(
                "  ✓ no_ask_wall  none(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.20)  [DOM_WALLS[0]: side = ASK, price = 247.00, pct_from_last(price) = 0.611; LAST = 245.50; DOM_WALLS[1]: side = BID]"
            ))
        #expect(lines.contains("  ✓ bar_delta    FOOTPRINT_CURR_BAR.delta > 0  [FOOTPRINT_CURR_BAR.delta = 2800]"))
        #expect(lines.contains("SHORT entry: 2/7 conditions pass"))
        #expect(lines.contains("verdict: LONG setup"))
        #expect(lines.contains("position: flat (no exit rules apply)"))
        #expect(lines.filter { $0.hasPrefix("  ✓") }.count == 9)
    }

    @Test func anOpenPositionShowsWhichExitRulesFire() throws {
        var text = try String(
            contentsOf: ValidateExplainRunner.repositoryRoot.appendingPathComponent(Self.seed), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"CVD_TREND\": \"RISING\"", with: "\"CVD_TREND\": \"FALLING\"")
        text = text.replacingOccurrences(of: "\"POSITION\": 0,", with: "\"POSITION\": 100,")
        text = text.replacingOccurrences(of: "\"POSITION_SIDE\": null", with: "\"POSITION_SIDE\": \"LONG\"")
        text = text.replacingOccurrences(of: "\"AVG_ENTRY\": null", with: "\"AVG_ENTRY\": 245.50")
        let path = try ValidateExplainRunner.temporaryFile("long.json", text)
        let outcome = try ValidateExplainRunner.run([
            "explain", "--strategy", "strategies/momentum.yaml", "--state", path,
        ])
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("exit rules for the LONG position:"))
        #expect(outcome.output.contains("  FIRES cvd_reversal: CVD_TREND == FALLING => exit  [CVD_TREND = FALLING]"))
        #expect(outcome.output.contains("  -     imbalance_reversal: L2_IMBALANCE < 0.7 => exit  [L2_IMBALANCE = 2.1]"))
        #expect(outcome.output.contains("verdict: none"))
    }

    @Test func jsonCarriesEveryConditionAndReading() throws {
        let outcome = try ValidateExplainRunner.run([
            "explain", "--strategy", "strategies/momentum.yaml", "--state", Self.seed, "--json",
        ])
        #expect(outcome.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(document["verdict"] as? String == "LONG setup")
        let long = try #require(document["long"] as? [String: Any])
        #expect(long["passed"] as? Bool == true)
        let conditions = try #require(long["conditions"] as? [[String: Any]])
        #expect(conditions.count == 7)
        #expect(conditions.allSatisfy { $0["outcome"] as? String == "pass" })
        let readings = try #require(conditions[4]["readings"] as? [[String: Any]])
        #expect(readings[1]["element"] as? String == "DOM_WALLS[0]")
        #expect(readings[1]["value"] as? String == "247.00")
    }

    @Test func aBadStateIsReportedPreciselyWithStatus1() throws {
        let path = try ValidateExplainRunner.temporaryFile(
            "state.json", "{\"MARKET_STATE\": {\"L2_IMBALANCE\": \"high\"}}")
        let outcome = try ValidateExplainRunner.run([
            "explain", "--strategy", "strategies/momentum.yaml", "--state", path,
        ])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("L2_IMBALANCE"))
    }

    @Test func missingFilesExitWith2() throws {
        let noState = try ValidateExplainRunner.run([
            "explain", "--strategy", "strategies/momentum.yaml", "--state", "nope.json",
        ])
        #expect(noState.status == 2)
        #expect(noState.output == "nope.json: error: cannot read the state file; check the path\n")
        let noStrategy = try ValidateExplainRunner.run(["explain", "--strategy", "nope.yaml", "--state", Self.seed])
        #expect(noStrategy.status == 2)
    }
}
