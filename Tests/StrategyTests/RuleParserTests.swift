import Testing

@testable import Strategy

@Suite struct RuleParserTests {
    func failure(_ rule: String) -> String? {
        if case .failure(let failure) = RuleParser.parse(rule) { return "\(failure.offset):\(failure.message)" }
        return nil
    }

    @Test func precedenceFollowsTheGrammar() throws {
        // and binds tighter than or; not applies to a whole comparison; * before +.
        #expect(try RuleHarness.truth("RVOL_DAY > 9 or RVOL_DAY > 2 and L2_IMBALANCE > 2", SeedState.state) == .yes)
        #expect(try RuleHarness.truth("(RVOL_DAY > 9 or RVOL_DAY > 2) and L2_IMBALANCE > 9", SeedState.state) == .no)
        #expect(try RuleHarness.truth("not RVOL_DAY > 9 and L2_IMBALANCE > 2", SeedState.state) == .yes)
        #expect(try RuleHarness.truth("1 + 2 * 3 - 4 / 2 == 5", SeedState.state) == .yes)
        #expect(try RuleHarness.truth("-2 * -3 == 6", SeedState.state) == .yes)
    }

    @Test(arguments: [
        ("", "0:empty rule; write a condition such as 'L2_IMBALANCE > 1.5'"),
        ("RVOL_DAY >", "10:expected a field, a number or '(', found the end of the rule"),
        ("RVOL_DAY > 1 RVOL_DAY", "13:expected 'and', 'or' or the end of the rule, found 'RVOL_DAY'"),
        ("RVOL_DAY && 1", "9:write 'and' instead of '&&'"), ("RVOL_DAY || 1", "9:write 'or' instead of '||'"),
        ("!RVOL_DAY", "0:write 'not' instead of '!'"),
        ("RVOL_DAY > 5 %", "13:a '%' belongs right after a number (0.02% is a share of LAST)"),
        ("SPREAD < 2bps", "9:malformed number"),
        ("RVOL_DAY AND x", "9:'AND' is written 'and' (keywords are lower case)"),
        ("x in []", "6:empty list after 'in'; name at least one value"),
        ("x in [1, 2", "10:expected ',' or ']' in the list, found the end of the rule"),
        ("'open", "0:unterminated string; close it with '"),
        ("FOOTPRINT_CURR_BAR.", "19:expected a field name after '.', found the end of the rule"),
        ("BID_STACK[x]", "10:expected a whole number from 0 to 999 as the index, found 'x'"),
        ("1.2.3", "0:malformed number"),
        ("RVOL_DAY ≥ 1", "9:unexpected character '\\u{2265}'"),
    ])
    func syntaxErrorsSayWhatWasExpected(rule: String, expected: String) {
        #expect(failure(rule) == expected)
    }

    @Test func nestingAndOperatorChainsAreBounded() {
        #expect(
            failure(String(repeating: "(", count: 41) + "1" + String(repeating: ")", count: 41))?.contains(
                "nested deeper than 40") == true)
        #expect(failure(String(repeating: "(", count: 39) + "1" + String(repeating: ")", count: 39)) == nil)
        #expect(failure(String(repeating: "1 + ", count: 201) + "1")?.contains("more than 200 operators") == true)
    }
}
