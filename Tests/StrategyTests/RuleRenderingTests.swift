import Testing

@testable import Strategy

/// #12 item 1: a condition without `text:` reads in the prompt as its rule renders, in the seed's
/// plain style; each construct's rendering, exactly.
@Suite struct RuleRenderingTests {
    private func rendered(_ rule: String) throws -> String {
        guard case .success(let tree) = RuleParser.parse(rule) else {
            Issue.record("\(rule) does not parse")
            return ""
        }
        return RuleRendering.text(tree)
    }

    @Test(arguments: [
        ("L2_IMBALANCE > 1.5", "L2_IMBALANCE > 1.5"),
        ("TAPE_SENTIMENT == AGGRESSIVE_BUYING", #"TAPE_SENTIMENT = "AGGRESSIVE_BUYING""#),
        ("CVD_TREND != FLAT", #"CVD_TREND is not "FLAT""#),
        ("HOD_LOD_LOC in [TESTING_HOD, NEAR_HOD, BREAKOUT]", #"HOD_LOD_LOC = "TESTING_HOD" or "NEAR_HOD" or "BREAKOUT""#),
        ("HOD_LOD_LOC not in [BREAKDOWN, MID_RANGE]", #"HOD_LOD_LOC is none of "BREAKDOWN", "MID_RANGE""#),
        ("none(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.20)", #"No wall in DOM_WALLS with side="ASK" within 0.20% of LAST"#),
        ("any(DOM_WALLS, side == BID and size > 5000)", #"A wall in DOM_WALLS with side="BID" and size > 5000"#),
        ("all(BID_STACK, size > 100)", "Every level in BID_STACK has size > 100"),
        ("count(LARGE_PRINTS_1M, side == BUY) >= 3", #"(the number of prints in LARGE_PRINTS_1M with side="BUY") >= 3"#),
        (
            "sum_of(LARGE_PRINTS_1M, size, side == BUY) > 2 * sum_of(LARGE_PRINTS_1M, size, side == SELL)",
            #"(the total size of the prints in LARGE_PRINTS_1M with side="BUY") > 2 * (the total size of the prints in LARGE_PRINTS_1M with side="SELL")"#
        ),
        ("min_of(DOM_WALLS, price, side == ASK) - LAST < 0.50", #"(the lowest price of the walls in DOM_WALLS with side="ASK") - LAST < 0.50"#),
        ("pct_from_last(VWAP) > 0.5", "VWAP more than 0.5% from LAST"),
        ("pct_from(LAST, VP_POC) <= 0.1", "LAST within 0.1% of VP_POC"),
        ("abs(ABSORPTION_PRICE - TARGET) <= 0.10", "|ABSORPTION_PRICE - TARGET| <= 0.10"),
        ("DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)", "DISTANCE_TO_HOD_PCT > (DISTANCE_TO_HOD_PCT on the previous tick)"),
        ("is_null(VWAP) or not ABSORPTION_DETECTED", "VWAP is unknown or not ABSORPTION_DETECTED"),
        ("(L2_IMBALANCE > 1.5 or RVOL_DAY > 2) and TAPE_DELTA_5S > 0", "(L2_IMBALANCE > 1.5 or RVOL_DAY > 2) and TAPE_DELTA_5S > 0"),
        ("(LAST - VWAP) * 2 > -0.5", "(LAST - VWAP) * 2 > -0.5"),
        ("FOOTPRINT_CURR_BAR.delta > 0", "FOOTPRINT_CURR_BAR.delta > 0"),
    ])
    func eachConstructReadsPlainly(rule: String, expected: String) throws {
        #expect(try rendered(rule) == expected)
    }

    @Test func exitRulesWithoutTextSayTheirAction() throws {
        let strategy = try StrategyLoader.compile(
            source: """
                name: r
                entry:
                  long:
                    - name: a
                      when: L2_IMBALANCE > 1.5
                exit:
                  long:
                    - name: reversal
                      when: L2_IMBALANCE < 0.7
                      action: exit
                    - name: trail
                      when: TAPE_DELTA_5S < 0
                      action: tighten_stop
                      stop: LAST - 0.10

                """, fileName: "r.yaml")
        #expect(strategy.definition.longExits.map(\.text) == [
            "If L2_IMBALANCE < 0.7: EXIT.", "If TAPE_DELTA_5S < 0: tighten the stop to LAST - 0.10.",
        ])
    }
}
