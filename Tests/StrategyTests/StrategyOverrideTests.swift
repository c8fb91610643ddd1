import Foundation
import Testing

@testable import Strategy

/// `--set PATH=VALUE`: values put into the parsed file before it is checked, so they meet every
/// check a written value does; paths that miss say what is there.
@Suite struct StrategyOverrideTests {
    static let source = """
        name: o
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > 1.5
              text: L2_IMBALANCE > 1.5 (buyers lead)
            - name: delta
              when: TAPE_DELTA_5S > -200 and TAPE_DELTA_5S < 900
          short:
            - name: imbalance
              when: L2_IMBALANCE < -0.5 + 1.1
        risk:
          max_spread: 0.05

        """

    private func compile(_ overrides: [String]) throws -> CompiledStrategy {
        try StrategyLoader.compile(
            bytes: Array(Self.source.utf8), fileName: "o.yaml", overrides: overrides.map { try StrategyOverride.parse($0) })
    }

    @Test func aRiskValueAndAMissingKeyAreSetAndTheHashChanges() throws {
        let plain = try compile([])
        let set = try compile(["risk.max_spread=0.25", "gate=hold"])
        #expect(set.definition.risk.maxSpread.description == "0.25")
        #expect(set.definition.gate == .hold)
        #expect(set.definition.sourceHash != plain.definition.sourceHash)
        #expect(try compile(["risk.max_spread=0.25", "gate=hold"]).definition.sourceHash == set.definition.sourceHash)
    }

    @Test func aNumberReplacesTheOneNumberOfAConditionAndOfItsText() throws {
        let long = try compile(["entry.long.imbalance=1.8"]).definition.longEntries[0]
        #expect(long.rule == "L2_IMBALANCE > 1.8")
        #expect(long.text == "L2_IMBALANCE > 1.8 (buyers lead)")
        // By index too; a whole rule through .when drops the written text.
        let whole = try compile(["entry.long.0.when=L2_IMBALANCE >= 2"]).definition.longEntries[0]
        #expect(whole.rule == "L2_IMBALANCE >= 2")
        #expect(whole.text == "L2_IMBALANCE >= 2")
    }

    @Test func aRuleWithSeveralNumbersOrNoneIsRefusedWithItsNumbers() {
        #expect(throws: OverrideError.self) { try compile(["entry.long.delta=5"]) }
        do {
            _ = try compile(["entry.long.delta=5"])
        } catch let error as OverrideError {
            #expect(
                error.description
                    == "--set entry.long.delta=5: the rule (TAPE_DELTA_5S > -200 and TAPE_DELTA_5S < 900) has 2 numbers (200, 900); "
                    + "set .when to a whole rule instead")
        } catch { Issue.record("\(error)") }
    }

    @Test func theNumberReplacedTakesItsSignWithIt() throws {
        #expect(
            RuleNumber.replacing("-0.5", with: "-0.7", in: "below -0.5, not 10.5 or 0.5") == "below -0.7, not 10.5 or 0.5")
        #expect(throws: OverrideError.self) { try compile(["entry.short.imbalance=0.7"]) }
        let override = try StrategyOverride.parse("x=-0.7")
        #expect(try RuleNumber.replace(in: "L2_IMBALANCE < -0.5", with: "-0.7", override: override).0 == "L2_IMBALANCE < -0.7")
        // A minus after an operand subtracts: it stays.
        let (rule, old) = try RuleNumber.replace(in: "LAST > VWAP - 0.5", with: "0.7", override: override)
        #expect(rule == "LAST > VWAP - 0.7")
        #expect(old == "0.5")
    }

    @Test func pathsThatMissSayWhatIsThere() {
        func message(_ argument: String) -> String {
            do {
                _ = try compile([argument])
                return "compiled"
            } catch { return "\(error)" }
        }
        #expect(message("risk.max_sprad=0.1") == "--set risk.max_sprad=0.1: no key 'max_sprad' in risk; did you mean 'max_spread'?")
        #expect(
            message("entry.long.imbalanse=2")
                == "--set entry.long.imbalanse=2: no element 'imbalanse' in entry.long (give its name: imbalance, delta, or an index 0–1); "
                + "did you mean 'imbalance'?")
        #expect(message("risk.max_spread.x=1") == "--set risk.max_spread.x=1: risk.max_spread is a value ('0.05'), not a mapping or a list: the path ends there")
        #expect(message("entry.long.imbalance=high").hasPrefix("--set entry.long.imbalance=high: this is a rule (L2_IMBALANCE > 1.5): give a number"))
        // A value of the wrong kind is the decoder's error, as if written in the file.
        #expect(
            message("risk.max_spread=abc").contains(
                "expected a price distance for 'max_spread': dollars (0.05), percent of LAST (0.02%), basis points (2bp) or ticks (2t), found 'abc'"))
    }

    @Test func argumentsAndValueListsParse() throws {
        #expect(try StrategyOverride.parse(" risk.max_spread = 0.10 ") == StrategyOverride(path: ["risk", "max_spread"], value: "0.10"))
        #expect(throws: OverrideError.self) { try StrategyOverride.parse("risk.max_spread") }
        #expect(throws: OverrideError.self) { try StrategyOverride.parse("risk..max_spread=1") }
        #expect(throws: OverrideError.self) { try StrategyOverride.parse("risk.max_spread=") }
        #expect(StrategyOverride.values("1.3,1.5, 1.8") == ["1.3", "1.5", "1.8"])
        #expect(
            StrategyOverride.values("HOD_LOD_LOC in [NEAR_HOD, BREAKOUT],pct_from_last(VWAP, 2) < 1")
                == ["HOD_LOD_LOC in [NEAR_HOD, BREAKOUT]", "pct_from_last(VWAP, 2) < 1"])
    }
}
