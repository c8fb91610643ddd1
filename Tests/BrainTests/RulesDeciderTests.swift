import Brain
import MarketData
import StateVector
import Strategy
import Testing

@Suite struct RulesDeciderTests {
    private func p(_ text: String) -> Price { Price(parsing: text) ?? Price(raw: -1) }

    static func shortSetup() throws -> StateVector {
        var state = try seedState()
        state.market.l2Imbalance = 0.4
        state.market.hodLodLoc = .testingLOD
        state.market.tapeSentiment = .aggressiveSelling
        state.market.cvdTrend = .falling
        state.market.footprint.delta = -2800
        // The seed leaves DISTANCE_TO_LOD_PCT null, and a chase guard that reads null blocks entries.
        state.market.distanceToLODPct = 0.1
        return state
    }

    @Test func seedStateEntersLongAtTheAskWithRiskLimits() throws {
        let decider = RulesDecider(strategy: try momentum())
        // Ask 245.50; stop 0.20 below; target 1.00 above (the ASK wall at 247.00 is farther).
        #expect(
            decider.decide(try seedState()) == .enterLong(limit: p("245.50"), stop: p("245.30"), target: p("246.50")))
    }

    @Test func targetStopsOneCentBeforeACloserWall() throws {
        var state = try seedState()
        state.market.domWalls[0].price = p("246.20")
        #expect(
            RulesDecider(strategy: try momentum()).decide(state)
                == .enterLong(limit: p("245.50"), stop: p("245.30"), target: p("246.19")))
    }

    @Test func shortSetupEntersAtTheBidAboveTheBidWall() throws {
        // Bid 245.48: target 244.48 would pass the BID wall at 244.50, so it stops at 244.51.
        #expect(
            RulesDecider(strategy: try momentum()).decide(try Self.shortSetup())
                == .enterShort(limit: p("245.48"), stop: p("245.68"), target: p("244.51")))
    }

    @Test func noSetupWaitsNamingTheFailures() throws {
        var state = try seedState()
        state.market.cvdTrend = .falling
        #expect(
            RulesDecider(strategy: try momentum()).decide(state)
                == .wait(
                    reason:
                        "no setup: LONG fails cvd: CVD_TREND == RISING [CVD_TREND = FALLING]; SHORT fails imbalance: L2_IMBALANCE < 0.6 [L2_IMBALANCE = 2.1]"
                ))
    }

    @Test func aWideSpreadWaits() throws {
        var state = try seedState()
        state.market.spread = p("0.06")
        #expect(
            RulesDecider(strategy: try momentum()).decide(state) == .wait(reason: "LONG setup, but SPREAD 0.06 > 0.05"))
    }

    @Test func inAPositionTheFirstFiringExitDecides() throws {
        var state = try seedState()
        state.account.position = 100
        state.account.positionSide = .long
        state.account.avgEntry = p("245.50")
        let decider = RulesDecider(strategy: try momentum())
        #expect(decider.decide(state) == .wait(reason: "holding LONG: no exit rule fires"))
        state.market.cvdTrend = .falling
        #expect(decider.decide(state) == .cancelAll)
    }

    @Test func flatWithAnEntryWorkingWaitsInsteadOfProposingASecondBracket() throws {
        // A backtest on GOOG with a loose strategy proposed the same entry again 150 ms after the
        // first and earned "orders are still working; one bracket at a time" after every entry.
        var state = try seedState()
        state.activeOrders = [
            ActiveOrder(id: "e", role: .entry, side: .buy, type: .limit, price: p("245.50"), qty: 100, status: .working)
        ]
        let decider = RulesDecider(strategy: try momentum())
        #expect(decider.decide(state) == .wait(reason: "entry BUY LMT 245.50 working: waiting for its fill"))
        state.activeOrders = [
            ActiveOrder(id: "s", role: .stop, side: .sell, type: .stop, price: p("245.30"), qty: 100, status: .working)
        ]
        #expect(
            decider.decide(state)
                == .wait(reason: "flat, the bracket's STOP STP 245.30 still working: waiting for it to end"))
    }

    @Test func theReplyParsesBackToTheSameCommand() throws {
        let strategy = try momentum()
        let state = try seedState()
        let reply = RulesDecider(strategy: strategy).reply(state, checklist: strategy.evaluate(state))
        #expect(reply.model == "rules")
        #expect(
            CommandParser.parse(reply.answer).command
                == .enterLong(limit: p("245.50"), stop: p("245.30"), target: p("246.50")))
    }
}
