import Testing

@testable import Strategy

/// Exact diagnostics text for each kind of mistake (the text `fsd validate` prints).
@Suite struct DiagnosticGoldenTests {
    static let cases: [(name: String, source: String, expected: String)] = [
        (
            // #12: the rule was edited, its text was not.
            "textDriftsFromTheRule",
            #"""
            name: golden
            entry:
              long:
                - name: volume
                  when: RVOL_DAY > 0.3
                  text: RVOL_DAY > 1.5

            """#,
            #"""
            textDriftsFromTheRule.yaml:6:24: error: text says 1.5 at 6:24; the rule compares with 0.3 at 5:24
                  text: RVOL_DAY > 1.5
                                   ^~~
            note: the prompt must say what the checklist enforces: make the text and the rule agree
            1 error found
            """#
        ),
        (
            "textLeavesOutANumberOfTheExitRule",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: L2_IMBALANCE > 1.5
            exit:
              long:
                - name: trail
                  when: TAPE_DELTA_5S < 0
                  action: tighten_stop
                  stop: LAST - 0.10
                  text: "If TAPE_DELTA_5S turns negative: tighten the stop below LAST."

            """#,
            #"""
            textLeavesOutANumberOfTheExitRule.yaml:9:29: error: the rule compares with 0 at 9:29 but its text never says 0
                  when: TAPE_DELTA_5S < 0
                                        ^
            note: write the number in 'text:', or leave 'text:' out to send the rule itself
            textLeavesOutANumberOfTheExitRule.yaml:11:20: error: the rule compares with 0.10 at 11:20 but its text never says 0.10
                  stop: LAST - 0.10
                               ^~~~
            note: write the number in 'text:', or leave 'text:' out to send the rule itself
            2 errors found
            """#
        ),
        (
            // #12: an enum value edited in the rule and not in the text, and one left unsaid.
            "textNamesAnotherEnumValue",
            #"""
            name: golden
            entry:
              long:
                - name: cvd
                  when: CVD_TREND == FALLING
                  text: CVD_TREND = "RISING" (Delta confirms direction)
                - name: location
                  when: HOD_LOD_LOC in [NEAR_HOD, BREAKOUT]
                  text: HOD_LOD_LOC = "NEAR_HOD"

            """#,
            #"""
            textNamesAnotherEnumValue.yaml:6:26: error: text says RISING at 6:26; the rule compares with FALLING at 5:26
                  text: CVD_TREND = "RISING" (Delta confirms direction)
                                     ^~~~~~
            note: the prompt must say what the checklist enforces: make the text and the rule agree
            textNamesAnotherEnumValue.yaml:8:39: error: the rule compares with BREAKOUT at 8:39 but its text never says BREAKOUT
                  when: HOD_LOD_LOC in [NEAR_HOD, BREAKOUT]
                                                  ^~~~~~~~
            note: write the value in 'text:', or leave 'text:' out to send the rule itself
            2 errors found
            """#
        ),
        (
            "aHintMayNotContradictItsRule",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: L2_IMBALANCE > 1.5
            hints:
              - text: "Heavy buying (2000 shares in a minute): institutions."
                when: sum_of(LARGE_PRINTS_1M, size, side == BUY) >= 1000

            """#,
            #"""
            aHintMayNotContradictItsRule.yaml:7:26: error: text says 2000 at 7:26; the rule compares with 1000 at 8:57
              - text: "Heavy buying (2000 shares in a minute): institutions."
                                     ^~~~
            note: the prompt must say what the checklist enforces: make the text and the rule agree
            1 error found
            """#
        ),
        (
            "unknownField",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: L2_IMBALENCE > 1.5

            """#,
            #"""
            unknownField.yaml:5:13: error: unknown field 'L2_IMBALENCE'; did you mean 'L2_IMBALANCE'?
                  when: L2_IMBALENCE > 1.5
                        ^~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "unknownEnumValue",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: TAPE_SENTIMENT == AGGRESIVE_BUYING

            """#,
            #"""
            unknownEnumValue.yaml:5:31: error: unknown value 'AGGRESIVE_BUYING' for TAPE_SENTIMENT; did you mean 'AGGRESSIVE_BUYING'?
                  when: TAPE_SENTIMENT == AGGRESIVE_BUYING
                                          ^~~~~~~~~~~~~~~~
            note: TAPE_SENTIMENT is one of AGGRESSIVE_BUYING, AGGRESSIVE_SELLING, NEUTRAL
            1 error found
            """#
        ),
        (
            "enumAgainstNumber",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY == RISING

            """#,
            #"""
            enumAgainstNumber.yaml:5:25: error: type mismatch: 'RVOL_DAY' is a number, but 'RISING' is a value of CVD_TREND
                  when: RVOL_DAY == RISING
                                    ^~~~~~
            1 error found
            """#
        ),
        (
            "boolAgainstNumber",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: ABSORPTION_DETECTED == 1

            """#,
            #"""
            boolAgainstNumber.yaml:5:13: error: type mismatch: 'ABSORPTION_DETECTED' is a condition (true/false), but '1' is an integer
                  when: ABSORPTION_DETECTED == 1
                        ^~~~~~~~~~~~~~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "orderingOnEnum",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: CVD_TREND > RISING

            """#,
            #"""
            orderingOnEnum.yaml:5:13: error: '>' compares numbers; 'CVD_TREND' is a CVDTrend value: use == or != (or 'in [..]')
                  when: CVD_TREND > RISING
                        ^~~~~~~~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "unknownTopKey",
            #"""
            name: golden
            loop_hertz: 5
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1

            """#,
            #"""
            unknownTopKey.yaml:2:1: error: unknown key 'loop_hertz' in the strategy file; did you mean 'loop_hz'?
            loop_hertz: 5
            ^~~~~~~~~~
            1 error found
            """#
        ),
        (
            "missingRequiredKeys",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  text: RVOL above 1

            """#,
            #"""
            missingRequiredKeys.yaml:4:7: error: missing required key 'when' in a condition of 'entry.long'
                - name: a
                  ^
            1 error found
            """#
        ),
        (
            "missingEntry",
            #"""
            name: golden
            version: 2

            """#,
            #"""
            missingEntry.yaml:1:1: error: missing required key 'entry' in the strategy file
            name: golden
            ^
            1 error found
            """#
        ),
        (
            "negativeMaxPosition",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            risk:
              max_position: -100

            """#,
            #"""
            negativeMaxPosition.yaml:7:17: error: 'max_position' cannot be negative (found -100); it must be between 1 and 1000000
              max_position: -100
                            ^~~~
            1 error found
            """#
        ),
        (
            "stopBeyondTarget",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            risk:
              max_risk_per_share: 1.50
              max_target: 1.00

            """#,
            #"""
            stopBeyondTarget.yaml:7:23: error: max_risk_per_share 1.50 is larger than max_target 1.00: every trade would risk more than it can win
              max_risk_per_share: 1.50
                                  ^~~~
            note: keep the stop distance at or below the target distance
            1 error found
            """#
        ),
        (
            "wrongScalarType",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            risk:
              max_spread: five cents

            """#,
            #"""
            wrongScalarType.yaml:7:15: error: expected a price distance for 'max_spread': dollars (0.05), percent of LAST (0.02%), basis points (2bp) or ticks (2t), found 'five cents'
              max_spread: five cents
                          ^~~~~~~~~~
            note: dollars take at most 4 decimals, percent at most 4 (0 to 100 %), basis points at most 2, ticks none
            1 error found
            """#
        ),
        (
            "quotedNumber",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            loop_hz: "5"

            """#,
            #"""
            quotedNumber.yaml:6:10: error: expected a whole number for 'loop_hz', found the quoted text '5'; remove the quotes
            loop_hz: "5"
                     ^~~
            1 error found
            """#
        ),
        (
            "outOfRange",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            loop_hz: 500

            """#,
            #"""
            outOfRange.yaml:6:10: error: 'loop_hz' must be between 1 and 50, found 500
            loop_hz: 500
                     ^~~
            1 error found
            """#
        ),
        (
            "yamlSyntax",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
                name: b

            """#,
            #"""
            yamlSyntax.yaml:6:5: error: YAML syntax: did not find expected '-' indicator
                name: b
                ^
            note: while parsing a block collection that starts at line 4, column 5
            1 error found
            """#
        ),
        (
            "tabIndentation",
            #"""
            name: golden
            entry:
            	long: []

            """#,
            #"""
            tabIndentation.yaml:3:1: error: YAML syntax: found character that cannot start any token
            	long: []
            ^
            note: while scanning for the next token that starts at line 3, column 1
            1 error found
            """#
        ),
        (
            "duplicateKey",
            #"""
            name: golden
            name: other
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1

            """#,
            #"""
            duplicateKey.yaml:2:1: error: duplicate key 'name'
            name: other
            ^~~~
            note: 'name' was first set at line 1, column 1; keep one
            1 error found
            """#
        ),
        (
            "duplicateConditionName",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
                - name: a
                  when: L2_IMBALANCE > 1

            """#,
            #"""
            duplicateConditionName.yaml:6:13: error: duplicate name 'a' in 'entry.long'
                - name: a
                        ^
            note: first used at line 4; names must differ within a list
            1 error found
            """#
        ),
        (
            "unknownFunction",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: pct_from_lst(VWAP) < 1

            """#,
            #"""
            unknownFunction.yaml:5:13: error: unknown function 'pct_from_lst'; did you mean 'pct_from_last'?
                  when: pct_from_lst(VWAP) < 1
                        ^~~~~~~~~~~~
            note: functions: abs, min, max, pct_from_last, pct_from, is_null, prev, any, all, none, count, min_of, max_of, sum_of
            1 error found
            """#
        ),
        (
            "wrongArity",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: abs(LAST, VWAP) > 1

            """#,
            #"""
            wrongArity.yaml:5:13: error: 'abs' takes 1 argument, found 2
                  when: abs(LAST, VWAP) > 1
                        ^~~~~~~~~~~~~~~
            note: write it as abs(x)
            1 error found
            """#
        ),
        (
            "quantifierOverNonList",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: any(RVOL_DAY, size > 1)

            """#,
            #"""
            quantifierOverNonList.yaml:5:17: error: 'any' needs a list as its first argument (such as DOM_WALLS or LARGE_PRINTS_1M), but 'RVOL_DAY' is a number
                  when: any(RVOL_DAY, size > 1)
                            ^~~~~~~~
            1 error found
            """#
        ),
        (
            "unknownElementField",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: none(DOM_WALLS, sidee == ASK)

            """#,
            #"""
            unknownElementField.yaml:5:29: error: unknown field 'sidee' in the elements of DOM_WALLS; did you mean 'side'?
                  when: none(DOM_WALLS, sidee == ASK)
                                        ^~~~~
            note: elements of DOM_WALLS have: side, price, size, tier
            1 error found
            """#
        ),
        (
            "unknownMember",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: FOOTPRINT_CURR_BAR.delt > 0

            """#,
            #"""
            unknownMember.yaml:5:32: error: FOOTPRINT_CURR_BAR has no field 'delt'; did you mean 'delta'?
                  when: FOOTPRINT_CURR_BAR.delt > 0
                                           ^~~~
            note: FOOTPRINT_CURR_BAR has: open, high, low, close, delta, volume, delta_pct, poc, imbalances
            1 error found
            """#
        ),
        (
            "singleEquals",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY = 2

            """#,
            #"""
            singleEquals.yaml:5:22: error: '=' is not a comparison; write '=='
                  when: RVOL_DAY = 2
                                 ^
            1 error found
            """#
        ),
        (
            "chainedComparison",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: 1 < RVOL_DAY < 3

            """#,
            #"""
            chainedComparison.yaml:5:26: error: comparisons cannot be chained; write 'a < b and b < c'
                  when: 1 < RVOL_DAY < 3
                                     ^
            1 error found
            """#
        ),
        (
            "notACondition",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY + 1

            """#,
            #"""
            notACondition.yaml:5:13: error: 'when' must be a condition (true or false), but 'RVOL_DAY + 1' is a number
                  when: RVOL_DAY + 1
                        ^~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "unclosedParenthesis",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: (RVOL_DAY > 1 and L2_IMBALANCE > 1

            """#,
            #"""
            unclosedParenthesis.yaml:5:47: error: expected ')' to close '(', found the end of the rule
                  when: (RVOL_DAY > 1 and L2_IMBALANCE > 1
                                                          ^
            1 error found
            """#
        ),
        (
            "divisionByZero",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY / 0 > 1

            """#,
            #"""
            divisionByZero.yaml:5:24: error: division by zero
                  when: RVOL_DAY / 0 > 1
                                   ^
            1 error found
            """#
        ),
        (
            "unknownAction",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            exit:
              long:
                - name: x
                  when: CVD_TREND == FALLING
                  action: exitt

            """#,
            #"""
            unknownAction.yaml:10:15: error: unknown action 'exitt'; did you mean 'exit'?
                  action: exitt
                          ^~~~~
            note: action is one of exit, tighten_stop, update_target
            1 error found
            """#
        ),
        (
            "missingActionParameter",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            exit:
              long:
                - name: x
                  when: CVD_TREND == FALLING
                  action: tighten_stop

            """#,
            #"""
            missingActionParameter.yaml:10:15: error: 'tighten_stop' needs 'stop:', a price rule such as LAST - 0.10
                  action: tighten_stop
                          ^~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "unknownFeature",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: RVOL_DAY > 1
            features:
              testing_pctt: 0.2

            """#,
            #"""
            unknownFeature.yaml:7:3: error: unknown feature parameter 'testing_pctt'; did you mean 'testing_pct'?
              testing_pctt: 0.2
              ^~~~~~~~~~~~
            1 error found
            """#
        ),
        (
            "aliasRejected",
            #"""
            name: golden
            entry:
              long:
                - &c {name: a, when: RVOL_DAY > 1}
                - *c

            """#,
            #"""
            aliasRejected.yaml:5:7: error: YAML aliases ('*c') are not supported in strategy files; write the value out
                - *c
                  ^
            1 error found
            """#
        ),
        (
            "foldedRulePosition",
            #"""
            name: golden
            entry:
              long:
                - name: a
                  when: >
                    L2_IMBALANCE > 1.5 and
                    HOD_LOD_LOC in [TESTING_HOD, NEAR_HODD]

            """#,
            #"""
            foldedRulePosition.yaml:7:38: error: unknown value 'NEAR_HODD' for HOD_LOD_LOC; did you mean 'NEAR_HOD'?
                    HOD_LOD_LOC in [TESTING_HOD, NEAR_HODD]
                                                 ^~~~~~~~~
            note: HOD_LOD_LOC is one of TESTING_HOD, TESTING_LOD, NEAR_HOD, NEAR_LOD, MID_RANGE, BREAKOUT, BREAKDOWN
            1 error found
            """#
        ),
        (
            "manyProblemsAtOnce",
            #"""
            name: golden
            consult: every_tik
            entry:
              long:
                - name: a
                  when: L2_IMBALENCE > 1.5
                - name: b
                  when: RVOL_DAY == RISING
            risk:
              max_position: 0

            """#,
            #"""
            manyProblemsAtOnce.yaml:2:10: error: unknown consult 'every_tik'; did you mean 'every_tick'?
            consult: every_tik
                     ^~~~~~~~~
            note: consult is one of every_tick, on_setup, on_setup_or_position
            manyProblemsAtOnce.yaml:6:13: error: unknown field 'L2_IMBALENCE'; did you mean 'L2_IMBALANCE'?
                  when: L2_IMBALENCE > 1.5
                        ^~~~~~~~~~~~
            manyProblemsAtOnce.yaml:8:25: error: type mismatch: 'RVOL_DAY' is a number, but 'RISING' is a value of CVD_TREND
                  when: RVOL_DAY == RISING
                                    ^~~~~~
            manyProblemsAtOnce.yaml:10:17: error: 'max_position' must be between 1 and 1000000, found 0
              max_position: 0
                            ^
            4 errors found
            """#
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func diagnosticText(index: Int) {
        let (name, source, expected) = Self.cases[index]
        #expect(RuleHarness.errors(source, file: "\(name).yaml") == expected, "\(name)")
    }

    @Test func everyKindIsCovered() {
        #expect(Self.cases.count >= 15)
    }
}
