import MarketData
import StateVector
import Testing

@testable import Strategy

/// #12 item 2: a `params:` block of typed values that rules and settings name, the value (not
/// the name) in what the checklist runs and the prompt shows, `--set NAME=VALUE` over it, and a
/// precise diagnostic for every misuse.
@Suite struct ParametersTests {
    static let source = """
        name: p
        params:
          imbalance_long:
            type: number
            value: 1.5
            doc: Bid/ask size ratio a long entry needs.
          imbalance_short: 0.67
          locations_long: [TESTING_HOD, NEAR_HOD, BREAKOUT]
          sentiment_long: AGGRESSIVE_BUYING
          spread_cap: {type: price, value: 0.40}
          stale_after: {type: duration, value: 2.5s}
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > imbalance_long
            - name: location
              when: HOD_LOD_LOC in [locations_long]
            - name: tape
              when: TAPE_SENTIMENT == sentiment_long
          short:
            - name: imbalance
              when: L2_IMBALANCE < imbalance_short
        risk:
          max_spread: spread_cap
          max_data_age_ms: stale_after

        """

    private func state(imbalance: Double) -> StateVector {
        var state = StateVector()
        state.market.l2Imbalance = imbalance
        state.market.hodLodLoc = .nearHOD
        state.market.tapeSentiment = .aggressiveBuying
        return state
    }

    @Test func rulesAndSettingsReadTheValuesAndShowThemInPlaceOfTheNames() throws {
        let strategy = try StrategyLoader.compile(source: Self.source, fileName: "p.yaml")
        let definition = strategy.definition
        #expect(definition.longEntries.map(\.rule) == [
            "L2_IMBALANCE > 1.5", "HOD_LOD_LOC in [TESTING_HOD, NEAR_HOD, BREAKOUT]", "TAPE_SENTIMENT == AGGRESSIVE_BUYING",
        ])
        // With no `text:`, the prompt's line is the rule, with the value, in the seed's style.
        #expect(definition.longEntries.map(\.text) == [
            "L2_IMBALANCE > 1.5", #"HOD_LOD_LOC = "TESTING_HOD" or "NEAR_HOD" or "BREAKOUT""#,
            #"TAPE_SENTIMENT = "AGGRESSIVE_BUYING""#,
        ])
        #expect(definition.shortEntries.first?.rule == "L2_IMBALANCE < 0.67")
        #expect(definition.risk.maxSpread == .dollars(Price(cents: 40)))
        #expect(definition.risk.maxDataAgeMs == 2500)
        #expect(definition.parameters.map(\.name) == [
            "imbalance_long", "imbalance_short", "locations_long", "sentiment_long", "spread_cap", "stale_after",
        ])
        #expect(definition.parameters.map(\.kind) == [.number, .number, .list, .enumValue, .price, .duration])
        #expect(definition.parameters.first?.doc == "Bid/ask size ratio a long entry needs.")
        #expect(strategy.entryPasses(.long, state(imbalance: 1.6)))
        #expect(!strategy.entryPasses(.long, state(imbalance: 1.5)))
    }

    @Test func setOverridesAParameterByNameInTheChecklistAndThePrompt() throws {
        let strategy = try StrategyLoader.compile(
            bytes: Array(Self.source.utf8), fileName: "p.yaml",
            overrides: [
                try StrategyOverride.parse("imbalance_long=1.8"), try StrategyOverride.parse("locations_long=[BREAKOUT]"),
                try StrategyOverride.parse("spread_cap=0.25"),
            ])
        #expect(strategy.definition.longEntries.map(\.rule).prefix(2) == ["L2_IMBALANCE > 1.8", "HOD_LOD_LOC in [BREAKOUT]"])
        #expect(strategy.definition.risk.maxSpread == .dollars(Price(cents: 25)))
        #expect(!strategy.entryPasses(.long, state(imbalance: 1.7)))
        var breakout = state(imbalance: 1.9)
        #expect(!strategy.entryPasses(.long, breakout))
        breakout.market.hodLodLoc = .breakout
        #expect(strategy.entryPasses(.long, breakout))
        // The overrides are part of the hash: a journal tells the run from the file's own.
        let plain = try StrategyLoader.compile(source: Self.source, fileName: "p.yaml")
        #expect(plain.definition.sourceHash != strategy.definition.sourceHash)
    }

    @Test func anUnknownParameterOnTheCommandLineIsNamedWithTheNearestOne() throws {
        #expect(throws: OverrideError.self) {
            try StrategyLoader.compile(
                bytes: Array(Self.source.utf8), fileName: "p.yaml", overrides: [try StrategyOverride.parse("imbalance_lng=1.8")])
        }
        do {
            _ = try StrategyLoader.compile(
                bytes: Array(Self.source.utf8), fileName: "p.yaml", overrides: [try StrategyOverride.parse("imbalance_lng=1.8")])
        } catch let error as OverrideError {
            #expect(
                error.description
                    == "--set imbalance_lng=1.8: no key or parameter 'imbalance_lng' in the strategy file; did you mean the parameter 'imbalance_long'?")
        }
        #expect(RuleHarness.errors(Self.source, file: "p.yaml") == nil)
    }

    @Test func everyMisuseIsADiagnosticAtItsPlace() {
        let errors = RuleHarness.errors(
            """
            name: bad
            params:
              imbalance_long: 1.5
              unused_one: 2
              Bad-Name: 1
              price: 3
              sentiment: AGGRESIVE_BUYING
              cap: {type: price, value: -1}
              window: {type: nummber, value: 1}
            entry:
              long:
                - name: imbalance
                  when: L2_IMBALANCE > imbalance_lng
                - name: tape
                  when: L2_IMBALANCE > imbalance_long
            risk:
              max_trades_per_day: imbalance_long

            """, file: "bad.yaml")
        #expect(
            errors == #"""
                bad.yaml:4:3: error: parameter 'unused_one' is never used
                  unused_one: 2
                  ^~~~~~~~~~
                note: refer to it by name in a rule (when: L2_IMBALANCE > unused_one) or a setting (max_spread: unused_one), or remove it
                bad.yaml:5:3: error: parameter name 'Bad-Name' must be lowercase letters, digits and '_', starting with a letter
                  Bad-Name: 1
                  ^~~~~~~~
                note: state fields are upper case (L2_IMBALANCE), so a parameter never hides one
                bad.yaml:6:3: error: parameter name 'price' is already a field, a function or a keyword of the rule language
                  price: 3
                  ^~~~~
                bad.yaml:7:14: error: parameter 'sentiment': 'AGGRESIVE_BUYING' is neither a number nor an enum value of the state vector; did you mean 'AGGRESSIVE_BUYING'?
                  sentiment: AGGRESIVE_BUYING
                             ^~~~~~~~~~~~~~~~
                bad.yaml:8:29: error: parameter 'cap' must be a price (dollars, at most 4 decimals, not negative), found '-1'
                  cap: {type: price, value: -1}
                                            ^~
                bad.yaml:9:18: error: unknown type 'nummber'; did you mean 'number'?
                  window: {type: nummber, value: 1}
                                 ^~~~~~~
                note: type is one of number, price, percent, duration, enum, list
                bad.yaml:13:28: error: unknown field 'imbalance_lng'; did you mean the parameter 'imbalance_long'?
                      when: L2_IMBALANCE > imbalance_lng
                                           ^~~~~~~~~~~~~
                bad.yaml:17:23: error: parameter 'imbalance_long' is a number (1.5), and 'max_trades_per_day' takes a whole number
                  max_trades_per_day: imbalance_long
                                      ^~~~~~~~~~~~~~
                note: 'imbalance_long' is defined at line 3
                8 errors found
                """#, "\(errors ?? "no errors")")
    }

    @Test func anEnumParameterInANumericRuleIsATypeError() {
        let errors = RuleHarness.errors(
            """
            name: t
            params:
              mood: AGGRESSIVE_BUYING
            entry:
              long:
                - name: a
                  when: L2_IMBALANCE > mood

            """, file: "t.yaml") ?? ""
        #expect(errors.contains("t.yaml:7:28: error:"), "\(errors)")
        #expect(errors.hasSuffix("1 error found"), "\(errors)")
    }

    @Test func durationsAreWholeMilliseconds() {
        #expect(StrategyDecoder.milliseconds("1500") == 1500)
        #expect(StrategyDecoder.milliseconds("1500ms") == 1500)
        #expect(StrategyDecoder.milliseconds("2.5s") == 2500)
        #expect(StrategyDecoder.milliseconds("0.0005s") == nil)
        #expect(StrategyDecoder.milliseconds("-1") == nil)
        #expect(StrategyDecoder.milliseconds("soon") == nil)
    }
}
