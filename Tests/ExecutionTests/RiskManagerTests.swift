import MarketData
import StateVector
import Testing

@testable import Execution

@Suite struct RiskManagerTests {
    typealias M = Market
    let risk = RiskManager(limits: RiskLimits())

    func market(bid: Int64 = 100_00, ask: Int64 = 100_01, age ms: Int64 = 100, levels: [ReferenceLevel] = []) -> MarketContext {
        MarketContext(time: M.time(10_000), bid: M.price(bid), ask: M.price(ask), lastDataTime: M.time(10_000 - ms), levels: levels)
    }

    func entry(_ limit: Int64, _ stop: Int64, _ target: Int64, qty: Int64 = 100) -> EntryIntent {
        EntryIntent(side: .long, limit: M.price(limit), stop: M.price(stop), target: M.price(target), quantity: qty)
    }

    func short(_ limit: Int64, _ stop: Int64, _ target: Int64) -> EntryIntent {
        EntryIntent(side: .short, limit: M.price(limit), stop: M.price(stop), target: M.price(target), quantity: 100)
    }

    func refusal(
        _ intent: EntryIntent, market: MarketContext? = nil, account: AccountState = AccountState(), live: Bool = false,
        risk: RiskManager? = nil
    ) -> String? {
        let manager = risk ?? self.risk
        switch manager.approve(intent, market: market ?? self.market(), account: account, hasLiveOrders: live) {
        case .success: return nil
        case .failure(let refusal): return refusal.description
        }
    }

    @Test func approvesASoundEntry() {
        #expect(refusal(entry(100_01, 99_85, 100_50)) == nil)
        #expect(refusal(short(100_00, 100_15, 99_50)) == nil)
    }

    /// #16: `ENTER_LONG(10.00, 9.90, 10.50)` with the ask at 245.50 was approved: a limit far
    /// from the market on the passive side is no entry into the setup the checklist passed on.
    @Test func aLimitFarFromTheMarketOnThePassiveSideIsRefused() {
        let far = market(bid: 245_49, ask: 245_50)
        #expect(
            refusal(entry(10_00, 9_90, 10_50), market: far)
                == "limit 10.00 rests 235.49 away from the touch 245.49 > max risk per share 0.20; an entry works near the market")
        #expect(
            refusal(short(480_00, 480_10, 479_50), market: far)
                == "limit 480.00 rests 234.50 away from the touch 245.50 > max risk per share 0.20; an entry works near the market")
        // Resting at the bid, or up to the stop distance under it, is a passive entry near the market.
        #expect(refusal(entry(245_49, 245_30, 245_99), market: far) == nil)
        #expect(refusal(entry(245_29, 245_10, 245_79), market: far) == nil)
        #expect(refusal(entry(245_28, 245_10, 245_78), market: far)?.hasPrefix("limit 245.28 rests 0.21 away") == true)
    }

    @Test func marketGuards() {
        #expect(refusal(entry(100_01, 99_85, 100_50), market: market(ask: 100_07)) == "spread 0.07 > max 0.05")
        #expect(refusal(entry(100_01, 99_85, 100_50), market: market(age: 2_500)) == "market data 2500 ms old > max 2000 ms")
        let noData = MarketContext(time: M.time(0), bid: M.price(100_00), ask: M.price(100_01), lastDataTime: nil)
        #expect(refusal(entry(100_01, 99_85, 100_50), market: noData) == "no market data yet")
        let oneSided = MarketContext(time: M.time(0), bid: nil, ask: M.price(100_01), lastDataTime: M.time(0))
        #expect(refusal(entry(100_01, 99_85, 100_50), market: oneSided) == "no bid or no ask in the book")
        #expect(
            refusal(entry(100_05, 99_90, 100_50))
                == "limit 100.05 is 0.04 through the touch 100.01 > max slippage 0.02")
        #expect(
            refusal(short(99_96, 100_10, 99_50))
                == "limit 99.96 is 0.04 through the touch 100.00 > max slippage 0.02")
    }

    @Test func accountLimits() {
        #expect(refusal(entry(100_01, 99_85, 100_50, qty: 150)) == "quantity 150 > max position 100")
        #expect(refusal(entry(100_01, 99_85, 100_50, qty: 0)) == "quantity 0: an entry needs at least 1 share")
        var account = AccountState()
        account.dailyTrades = 10
        #expect(refusal(entry(100_01, 99_85, 100_50), account: account) == "10 trades today reached max trades per day 10")
        account = AccountState()
        account.position = 100
        account.positionSide = .long
        #expect(
            refusal(entry(100_01, 99_85, 100_50), account: account)
                == "a LONG position of 100 shares is open; one position at a time")
        #expect(refusal(entry(100_01, 99_85, 100_50), live: true) == "orders are still working; one bracket at a time")
        account = AccountState()
        account.dailyPL = Money(cents: -490_00)
        #expect(
            refusal(entry(100_01, 99_81, 100_50), account: account)
                == "a stop-out would lose 20.00 but only 10.00 is left of the daily loss limit")
        #expect(refusal(entry(100_01, 99_92, 100_50), account: account) == nil, "100 shares × 0.09 fits")
    }

    @Test func bracketShape() {
        #expect(
            refusal(entry(100_01, 100_05, 100_50))
                == "a LONG needs stop < limit < target; got limit 100.01, stop 100.05, target 100.50")
        #expect(
            refusal(short(100_00, 99_90, 99_50))
                == "a SHORT needs target < limit < stop; got limit 100.00, stop 99.90, target 99.50")
        #expect(refusal(entry(100_01, 99_76, 100_50)) == "stop distance 0.25 > max risk per share 0.20")
        #expect(refusal(entry(100_01, 99_81, 100_50)) == nil, "exactly 0.20 is allowed")
        let subPenny = EntryIntent(
            side: .long, limit: M.price(100_01), stop: M.price(99_85), target: Price(raw: 1_004_550), quantity: 100)
        #expect(
            refusal(subPenny)
                == "price 100.4550 is not a whole cent; exchanges refuse sub-penny orders at $1.00 and above")
    }

    @Test func seedScenarioATargetStandsInFrontOfTheAskWall() {
        let wall = ReferenceLevel(price: M.price(247_00), name: "ASK wall 247.00", wallSide: .ask)
        let keyLevels = [
            ReferenceLevel(price: M.price(245_80), name: "HOD 245.80"),
            ReferenceLevel(price: M.price(246_20), name: "VP_VAH 246.20"),
        ]
        let scenarioA = entry(245_50, 245_30, 246_80)
        let context = market(bid: 245_48, ask: 245_50, levels: keyLevels + [wall])
        #expect(refusal(scenarioA, market: context) == nil)
        let refused = "target distance 1.30 > max target 1.00 and not within 0.25 in front of a wall or key level"
        #expect(refusal(scenarioA, market: market(bid: 245_48, ask: 245_50, levels: keyLevels)) == refused)
        // A BID wall is no resistance for a long; a target beyond the wall is refused.
        let bidWall = ReferenceLevel(price: M.price(247_00), name: "BID wall 247.00", wallSide: .bid)
        #expect(refusal(scenarioA, market: market(bid: 245_48, ask: 245_50, levels: [bidWall])) == refused)
        #expect(refusal(entry(245_50, 245_30, 247_10), market: context)?.hasPrefix("target distance 1.60") == true)
        #expect(refusal(entry(245_50, 245_30, 246_70), market: context)?.hasPrefix("target distance 1.20") == true)
    }

    @Test func marketContextReadsLevelsFromTheState() {
        var state = MarketState()
        state.bidStack = [StackLevel(price: M.price(245_48), size: 150)]
        state.askStack = [StackLevel(price: M.price(245_50), size: 120)]
        state.domWalls = [DomWall(side: .ask, price: M.price(247_00), size: 3_500, tier: .major)]
        state.hod = M.price(245_80)
        let context = MarketContext(state: state, time: M.time(0), lastDataTime: M.time(0))
        #expect(context.bid == M.price(245_48) && context.ask == M.price(245_50) && context.spread == M.price(2))
        #expect(context.levels.map(\.name) == ["ASK wall 247.00", "HOD 245.80"])
    }

    @Test func haltsOnceAtTheDailyLossLimitAndRefusesEntriesAfter() {
        var risk = RiskManager(limits: RiskLimits())
        #expect(risk.checkDailyLoss(Money(cents: -499_99), at: M.time(0)) == nil)
        let halt = risk.checkDailyLoss(Money(cents: -500_00), at: M.time(1_000))
        #expect(halt?.reason == "daily P&L -500.00 reached max daily loss 500.00")
        #expect(risk.checkDailyLoss(Money(cents: -600_00), at: M.time(2_000)) == nil, "reported once")
        #expect(
            refusal(entry(100_01, 99_85, 100_50), risk: risk)
                == "trading halted at 10:00:01.000: daily P&L -500.00 reached max daily loss 500.00; no entries until the next session")
    }
}

/// #12 item 3: limits written as a share of LAST refuse in proportion to the price.
@Suite struct RelativeRiskLimitTests {
    typealias M = Market

    func context(bid: Int64, ask: Int64, last: Int64?) -> MarketContext {
        MarketContext(
            time: M.time(10_000), bid: M.price(bid), ask: M.price(ask), last: last.map(M.price), lastDataTime: M.time(9_900))
    }

    @Test func theSpreadGuardScalesWithLast() {
        var limits = RiskLimits()
        limits.maxSpread = .share(perMillion: 1_000, written: "0.10%")
        limits.maxRiskPerShare = .share(perMillion: 2_000, written: "0.20%")
        limits.maxTarget = .share(perMillion: 5_000, written: "0.50%")
        let risk = RiskManager(limits: limits)
        func verdict(_ intent: EntryIntent, _ market: MarketContext) -> String? {
            switch risk.approve(intent, market: market, account: AccountState(), hasLiveOrders: false) {
            case .success: nil
            case .failure(let refusal): refusal.description
            }
        }
        // A 12-cent spread on a $100 stock is wider than 0.10 % (0.10); on a $600 one (0.60) it is not.
        let cheap = context(bid: 100_00, ask: 100_12, last: 100_06)
        #expect(verdict(EntryIntent(side: .long, limit: M.price(100_12), stop: M.price(99_95), target: M.price(100_50), quantity: 100), cheap)
            == "spread 0.12 > max 0.10")
        let dear = context(bid: 600_00, ask: 600_12, last: 600_06)
        #expect(verdict(EntryIntent(side: .long, limit: M.price(600_12), stop: M.price(599_00), target: M.price(602_00), quantity: 100), dear) == nil)
        // 0.20 % of 600.06 is 1.20: a stop 1.21 away is too far.
        #expect(
            verdict(EntryIntent(side: .long, limit: M.price(600_12), stop: M.price(598_91), target: M.price(602_00), quantity: 100), dear)
                == "stop distance 1.21 > max risk per share 1.20")
        // Before any print, the mid stands in for LAST.
        let noPrint = context(bid: 600_00, ask: 600_12, last: nil)
        #expect(noPrint.reference == M.price(600_06))
    }
}
