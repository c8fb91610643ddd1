import MarketData
import StateVector
import Testing

@testable import Strategy

@Suite struct RuleEvaluationTests {
    let seed = SeedState.state

    @Test(arguments: [
        ("L2_IMBALANCE > 2.09", Truth.yes), ("L2_IMBALANCE > 2.1", .no), ("L2_IMBALANCE >= 2.1", .yes),
        ("L2_IMBALANCE < 2.1", .no), ("L2_IMBALANCE <= 2.1", .yes), ("L2_IMBALANCE == 2.1", .yes),
        ("L2_IMBALANCE != 2.1", .no), ("RVOL_DAY != 1", .yes),
    ])
    func comparisons(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test(arguments: [
        ("LAST - VWAP == 0.40", Truth.yes), ("LAST + 0.5 == 246", .yes), ("TAPE_DELTA_1S * 2 == 2500", .yes),
        ("TAPE_DELTA_5S / TAPE_DELTA_1S == 3.84", .yes), ("-FOOTPRINT_CURR_BAR.delta < 0", .yes),
        ("(LAST - VWAP) * 100 > 39", .yes), ("LAST - (VWAP * 2) < 0", .yes), ("2 + 3 * 4 == 14", .yes),
        ("10 - 4 - 3 == 3", .yes), ("CVD_SESSION / 0.5 == 250000", .yes),
    ])
    func arithmetic(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test func priceArithmeticIsExactToTheHundredthOfACent() throws {
        // 245.70 - 245.50 is 0.19999999999998863 in binary floating point; prices compare on
        // the 1/10,000 dollar grid, so the stop distance is exactly 0.20.
        var state = seed
        state.market.last = Price(cents: 24570)
        state.account.avgEntry = Price(cents: 24550)
        #expect(try RuleHarness.truth("LAST - ENTRY >= 0.20", state) == .yes)
        #expect(try RuleHarness.truth("LAST - ENTRY == 0.20", state) == .yes)
        #expect(try RuleHarness.truth("LAST - ENTRY > 0.20", state) == .no)
    }

    @Test(arguments: [
        ("TAPE_SENTIMENT == AGGRESSIVE_BUYING", Truth.yes), ("TAPE_SENTIMENT != AGGRESSIVE_BUYING", .no),
        ("AGGRESSIVE_BUYING == TAPE_SENTIMENT", .yes), ("HOD_LOD_LOC in [TESTING_HOD, BREAKOUT]", .yes),
        ("HOD_LOD_LOC in [NEAR_HOD, BREAKOUT]", .no), ("HOD_LOD_LOC not in [NEAR_HOD, BREAKOUT]", .yes),
        ("HOD_LOD_LOC not in [TESTING_HOD]", .no), ("TIME_SESSION == OPEN_DRIVE", .yes),
        ("L2_IMBALANCE in [1, 2.1, 3]", .yes), ("L2_IMBALANCE in [1, 2]", .no), ("LAST in [245.5]", .yes),
        ("TICKER == \"TSLA\"", .yes), ("TICKER in ['AAPL', 'TSLA']", .yes), ("TICKER != 'TSLA'", .no),
    ])
    func enumsListsAndText(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test(arguments: [
        ("ABSORPTION_DETECTED", Truth.no), ("not ABSORPTION_DETECTED", .yes), ("ABSORPTION_DETECTED == false", .yes),
        ("true and L2_IMBALANCE > 2", .yes), ("false or RVOL_DAY > 2", .yes), ("RVOL_DAY > 9 or L2_IMBALANCE > 9", .no),
        ("RVOL_DAY > 2 and L2_IMBALANCE > 9", .no), ("not (RVOL_DAY > 2 and L2_IMBALANCE > 9)", .yes),
        ("not not RVOL_DAY > 2", .yes), ("RVOL_DAY > 9 or RVOL_DAY > 2 and L2_IMBALANCE > 2", .yes),
    ])
    func logic(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test(arguments: [
        ("abs(-FOOTPRINT_CURR_BAR.delta) == 2800", Truth.yes), ("min(L2_IMBALANCE, RVOL_DAY, 5) == 2.1", .yes),
        ("max(L2_IMBALANCE, RVOL_DAY) == 2.8", .yes), ("pct_from_last(247.00) > 0.61", .yes),
        ("pct_from_last(247.00) < 0.611", .yes), ("pct_from(HOD, LAST) < 0.123", .yes),
        ("pct_from(HOD, LAST) > 0.122", .yes), ("is_null(ABSORPTION_PRICE)", .yes), ("is_null(LAST)", .no),
        ("BID_STACK[0].price == 245.48", .yes), ("ASK_STACK[2].size == 250", .yes),
        ("ASK_STACK[0].price - BID_STACK[0].price == SPREAD", .yes),
        ("STOP > 0", .unknown), ("is_null(TARGET)", .yes),
    ])
    func functions(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test(arguments: [
        ("any(DOM_WALLS, side == ASK)", Truth.yes), ("any(DOM_WALLS, size > 5000)", .no),
        ("all(DOM_WALLS, size > 2000)", .yes), ("all(DOM_WALLS, tier == MAJOR)", .no),
        ("none(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.20)", .yes),
        ("none(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.62)", .no),
        ("count(DOM_WALLS) == 2", .yes), ("count(DOM_WALLS, tier == MINOR) == 1", .yes),
        ("count(LARGE_PRINTS_1M, side == BUY and secs_ago < 30) == 1", .yes),
        ("min_of(DOM_WALLS, price) == 244.50", .yes), ("max_of(DOM_WALLS, price, side == BID) == 244.50", .yes),
        ("sum_of(DOM_WALLS, size) == 5600", .yes), ("sum_of(DOM_WALLS, size, size > 9000) == 0", .yes),
        ("is_null(min_of(DOM_WALLS, price, size > 9000))", .yes),
        ("any(FOOTPRINT_CURR_BAR.imbalances, ratio > 4 and price == LAST)", .yes),
        ("any(DOM_WALLS, any(LARGE_PRINTS_1M, size > 400) and side == BID)", .yes),
        ("any(ACTIVE_ORDERS, role == STOP)", .no), ("all(ACTIVE_ORDERS, role == STOP)", .yes),
    ])
    func quantifiers(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, seed) == expected)
    }

    @Test func positionContextReadsTheBracket() throws {
        let state = SeedState.longPosition
        #expect(try RuleHarness.truth("ENTRY == 245.50 and STOP == 245.30 and TARGET == 246.80", state) == .yes)
        #expect(try RuleHarness.truth("any(ACTIVE_ORDERS, role == STOP and price == STOP)", state) == .yes)
        #expect(try RuleHarness.truth("POSITION_SIDE == LONG and POSITION == 100", state) == .yes)
    }

    @Test func previousTickValues() throws {
        var before = seed
        before.market.distanceToHODPct = 0.6
        var now = seed
        now.market.distanceToHODPct = 0.7
        #expect(try RuleHarness.truth("DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)", now, previous: before) == .yes)
        #expect(try RuleHarness.truth("DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)", before, previous: now) == .no)
        #expect(try RuleHarness.truth("DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)", now) == .unknown)
        #expect(try RuleHarness.truth("prev(CVD_TREND) == RISING", now, previous: before) == .yes)
        var shorter = before
        shorter.market.domWalls = []
        #expect(try RuleHarness.truth("prev(count(DOM_WALLS, side == ASK)) == 0", now, previous: shorter) == .yes)
        #expect(
            RuleHarness.errors(RuleHarness.yaml("any(DOM_WALLS, prev(price) > 1)"))?.contains(
                "prev() cannot read a field") == true)
    }

    // MARK: - Null semantics

    var nullState: StateVector {
        var s = seed
        s.market.l2Imbalance = nil
        s.market.last = nil
        return s
    }

    @Test(arguments: [
        ("L2_IMBALANCE > 1.5", Truth.unknown), ("L2_IMBALANCE <= 1.5", .unknown), ("L2_IMBALANCE != 1.5", .unknown),
        ("not L2_IMBALANCE > 1.5", .unknown), ("L2_IMBALANCE in [1, 2]", .unknown),
        ("L2_IMBALANCE not in [1, 2]", .unknown),
        ("L2_IMBALANCE > 1.5 and RVOL_DAY > 9", .no), ("L2_IMBALANCE > 1.5 and RVOL_DAY > 1", .unknown),
        ("L2_IMBALANCE > 1.5 or RVOL_DAY > 1", .yes), ("L2_IMBALANCE > 1.5 or RVOL_DAY > 9", .unknown),
        ("L2_IMBALANCE + 1 > 0", .unknown), ("abs(L2_IMBALANCE) >= 0", .unknown),
        ("min(L2_IMBALANCE, 1) < 5", .unknown),
        ("is_null(L2_IMBALANCE)", .yes), ("not is_null(L2_IMBALANCE)", .no),
        ("none(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.20)", .unknown),
        ("any(DOM_WALLS, side == ASK and pct_from_last(price) <= 0.20)", .unknown),
        ("any(DOM_WALLS, side == BID or pct_from_last(price) <= 0.20)", .yes),
        ("count(DOM_WALLS, pct_from_last(price) < 1) == 0", .unknown), ("count(DOM_WALLS) == 2", .yes),
        ("HOD_LOD_LOC == TESTING_HOD", .yes),
    ])
    func nullReadsNeverPass(rule: String, expected: Truth) throws {
        #expect(try RuleHarness.truth(rule, nullState) == expected)
    }

    @Test func emptyListsDecideWithoutReadingNulls() throws {
        var s = nullState
        s.market.domWalls = []
        #expect(try RuleHarness.truth("none(DOM_WALLS, pct_from_last(price) <= 0.20)", s) == .yes)
        #expect(try RuleHarness.truth("any(DOM_WALLS, pct_from_last(price) <= 0.20)", s) == .no)
        #expect(try RuleHarness.truth("all(DOM_WALLS, pct_from_last(price) <= 0.20)", s) == .yes)
    }

    @Test func divisionByZeroAtRunTimeIsNull() throws {
        var s = seed
        s.market.tapeDelta1s = 0
        #expect(try RuleHarness.truth("TAPE_DELTA_5S / TAPE_DELTA_1S > 1", s) == .unknown)
        #expect(try RuleHarness.truth("TAPE_DELTA_5S / TAPE_DELTA_1S > 1 or RVOL_DAY > 1", s) == .yes)
    }

    @Test func shortStacksReadNullPastTheirEnd() throws {
        #expect(try RuleHarness.truth("BID_STACK[5].price > 0", seed) == .unknown)
    }
}
