import MarketData
import StateVector
import Testing

@testable import Strategy

/// #12 item 3 in the file: `risk:` distances in dollars, percent of LAST or basis points, and the
/// errors of each.
@Suite struct RiskUnitsTests {
    static func source(_ risk: String) -> String {
        """
        name: u
        entry:
          long:
            - name: a
              when: L2_IMBALANCE > 1.5
        risk:
        \(risk)

        """
    }

    @Test func eachDistanceTakesEachUnit() throws {
        let strategy = try StrategyLoader.compile(
            source: Self.source(
                "  max_spread: 0.02%\n  max_risk_per_share: 8bp\n  max_target: 0.40%\n  level_buffer: 0.05\n  max_slippage: 1bp"),
            fileName: "u.yaml")
        let risk = strategy.definition.risk
        #expect(risk.maxSpread == .share(perMillion: 200, written: "0.02%"))
        #expect(risk.maxRiskPerShare == .share(perMillion: 800, written: "8bp"))
        #expect(risk.maxTarget == .share(perMillion: 4_000, written: "0.40%"))
        #expect(risk.levelBuffer == .dollars(Price(cents: 5)))
        #expect(risk.maxSlippage == .share(perMillion: 100, written: "1bp"))
        #expect(risk.hasRelativeDistances)
        // At LAST 570.00: 0.114 → 0.11, 0.456 → 0.46, 2.28, 0.05, 0.057 → 0.06.
        let now = risk.dollars(at: Price(cents: 570_00))
        #expect(
            [now.maxSpread, now.maxRiskPerShare, now.maxTarget, now.levelBuffer, now.maxSlippage]
                == [Price(cents: 11), Price(cents: 46), Price(cents: 228), Price(cents: 5), Price(cents: 6)])
        #expect(risk.summary.hasSuffix("max spread 0.02%, risk/share 8bp, max target 0.40%"))
    }

    @Test func aBadDistanceSaysWhichUnitsThereAre() {
        let errors = RuleHarness.errors(Self.source("  max_spread: 0%\n  max_target: 2x\n  max_slippage: 150%"), file: "u.yaml")
        #expect(
            errors == #"""
                u.yaml:7:15: error: 'max_spread' must be more than zero, found 0%
                  max_spread: 0%
                              ^~
                u.yaml:8:15: error: expected a price distance for 'max_target': dollars (0.05), percent of LAST (0.02%), basis points (2bp) or ticks (2t), found '2x'
                  max_target: 2x
                              ^~
                note: dollars take at most 4 decimals, percent at most 4 (0 to 100 %), basis points at most 2, ticks none
                u.yaml:9:17: error: expected a price distance for 'max_slippage': dollars (0.05), percent of LAST (0.02%), basis points (2bp) or ticks (2t), found '150%'
                  max_slippage: 150%
                                ^~~~
                note: dollars take at most 4 decimals, percent at most 4 (0 to 100 %), basis points at most 2, ticks none
                3 errors found
                """#, "\(errors ?? "none")")
    }

    @Test func risksAndTargetsOfOneUnitAreCompared() {
        let errors = RuleHarness.errors(Self.source("  max_risk_per_share: 0.50%\n  max_target: 0.40%"), file: "u.yaml") ?? ""
        #expect(errors.contains("max_risk_per_share 0.50% is larger than max_target 0.40%"), "\(errors)")
        // Of two units, which is larger depends on the price: not an error.
        #expect(RuleHarness.errors(Self.source("  max_risk_per_share: 0.50%\n  max_target: 1.00"), file: "u.yaml") == nil)
    }

    @Test func aPercentParameterIsAShareOfLast() throws {
        let strategy = try StrategyLoader.compile(
            source: """
                name: u
                params:
                  spread_share: {type: percent, value: 0.02}
                entry:
                  long:
                    - name: a
                      when: L2_IMBALANCE > 1.5
                risk:
                  max_spread: spread_share

                """, fileName: "u.yaml")
        #expect(strategy.definition.risk.maxSpread == .share(perMillion: 200, written: "0.02%"))
    }

    @Test func aReloadMayNotSwapTheStopDistanceIntoAnotherUnit() throws {
        var old = RiskSettings()
        old.maxRiskPerShare = .dollars(Price(cents: 20))
        var new = old
        new.maxRiskPerShare = .share(perMillion: 500, written: "0.05%")
        #expect(old.loosened(by: new) == ["risk.max_risk_per_share 0.20 → 0.05% (another unit)"])
        var tighter = RiskSettings()
        tighter.maxRiskPerShare = .share(perMillion: 400, written: "0.04%")
        #expect(new.loosened(by: tighter).isEmpty)
        #expect(tighter.loosened(by: new) == ["risk.max_risk_per_share 0.04% → 0.05%"])
    }
}

/// #12 item 3 in rules: a constant compared with a price may be a share of LAST; a share where a
/// count, a ratio or a condition is expected is a unit error.
@Suite struct RuleUnitsTests {
    static func source(_ rule: String) -> String {
        "name: u\nentry:\n  long:\n    - name: a\n      when: \(rule)\n"
    }

    @Test func aShareOfLastComparesWithPrices() throws {
        let strategy = try StrategyLoader.compile(source: Self.source("SPREAD < 0.05% and abs(LAST - VWAP) <= 10bp"), fileName: "u.yaml")
        var state = StateVector()
        state.market.last = Price(cents: 200_00)
        state.market.vwap = Price(cents: 199_85)
        state.market.spread = Price(cents: 9)
        // 0.05 % of 200.00 is 0.10; 10 bp is 0.20.
        #expect(strategy.entryPasses(.long, state))
        state.market.spread = Price(cents: 11)
        #expect(!strategy.entryPasses(.long, state))
        state.market.spread = Price(cents: 9)
        state.market.vwap = Price(cents: 199_70)
        #expect(!strategy.entryPasses(.long, state))
        // The naive interpreter agrees.
        #expect(strategy.referenceOutcomes(.long, state) == [.no])
        #expect(strategy.definition.longEntries.first?.text == "SPREAD < 0.05% of LAST and |LAST - VWAP| <= 10bp of LAST")
        // No LAST: unknown, so it does not pass.
        state.market.last = nil
        #expect(!strategy.entryPasses(.long, state))
    }

    @Test func aShareWhereACountOrAPercentIsExpectedIsAUnitError() {
        #expect(
            RuleHarness.errors(Self.source("DAILY_TRADES < 2%"), file: "u.yaml") == #"""
                u.yaml:5:28: error: '2%' is a price distance, but 'DAILY_TRADES' is an integer; a share compares with a price (SPREAD < 0.02%)
                      when: DAILY_TRADES < 2%
                                           ^~
                note: write a plain number to compare DAILY_TRADES with
                1 error found
                """#)
        #expect(
            RuleHarness.errors(Self.source("pct_from_last(VWAP) <= 0.20%"), file: "u.yaml") == #"""
                u.yaml:5:36: error: '0.20%' is a price distance, but 'pct_from_last(VWAP)' is a number; a share compares with a price (SPREAD < 0.02%)
                      when: pct_from_last(VWAP) <= 0.20%
                                                   ^~~~~
                note: pct_from_last(VWAP) is already in percent: write the number alone (0.20, not 0.20%)
                1 error found
                """#)
        #expect(
            RuleHarness.errors(Self.source("ABSORPTION_DETECTED + 1% > LAST"), file: "u.yaml") == #"""
                u.yaml:5:13: error: '+' needs a number, but 'ABSORPTION_DETECTED' is a condition (true/false)
                      when: ABSORPTION_DETECTED + 1% > LAST
                            ^~~~~~~~~~~~~~~~~~~
                1 error found
                """#)
        #expect(
            RuleHarness.errors(Self.source("LAST * 1bp > 1"), file: "u.yaml") == #"""
                u.yaml:5:20: error: '1bp' is a price distance; '*' with 'LAST', a price, does not make a price
                      when: LAST * 1bp > 1
                                   ^~~
                note: add a share to a price (LAST + 2bp), or scale it by a number (2 * 0.02%)
                1 error found
                """#)
    }

    @Test func ticksCountTheIncrementAtLast() throws {
        let strategy = try StrategyLoader.compile(source: Self.source("SPREAD <= 2t"), fileName: "u.yaml")
        var state = StateVector()
        state.market.last = Price(cents: 245_50)
        state.market.spread = Price(cents: 2)
        #expect(strategy.entryPasses(.long, state))
        state.market.spread = Price(cents: 3)
        #expect(!strategy.entryPasses(.long, state))
        // Below a dollar a tick is $0.0001.
        state.market.last = Price(raw: 9_000)
        state.market.spread = Price(raw: 2)
        #expect(strategy.entryPasses(.long, state))
        #expect(strategy.referenceOutcomes(.long, state) == [.yes])
        #expect(strategy.definition.longEntries.first?.text == "SPREAD <= 2 ticks")
        #expect(RuleHarness.errors(Self.source("SPREAD <= 1.5t"), file: "u.yaml")?.contains("malformed number") == true)
    }

    @Test func anExitPriceMayBeAShareAwayFromLast() throws {
        let strategy = try StrategyLoader.compile(
            source: Self.source("L2_IMBALANCE > 1")
                + "exit:\n  long:\n    - name: trail\n      when: TAPE_DELTA_5S < 0\n      action: tighten_stop\n      stop: LAST - 0.04%\n",
            fileName: "u.yaml")
        var state = StateVector()
        state.market.last = Price(cents: 245_50)
        state.market.tapeDelta5s = -10
        state.account.position = 100
        state.account.positionSide = .long
        state.activeOrders = [ActiveOrder(id: "s", role: .stop, side: .sell, type: .stop, price: Price(cents: 245_00), qty: 100, status: .working)]
        // 245.50 − 0.04 % (0.0982) = 245.4018 → the whole cent 245.40.
        #expect(strategy.evaluate(state).exits.first?.price == Price(cents: 245_40))
    }
}
