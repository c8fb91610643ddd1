import MarketData
import StateVector
import Testing

@testable import Execution

@Suite struct OrderManagerTests {
    typealias M = Market

    @Test func longBracketRoundTripThroughTheTarget() throws {
        let desk = Desk()
        desk.tick(0)
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        #expect(desk.orders == ["ENTRY PENDING 100@100.01", "TARGET PENDING 100@100.50", "STOP PENDING 100@99.85"])
        #expect(desk.engine.activeOrders.map(\.id) == ["T-1-entry", "T-1-target", "T-1-stop"])
        desk.tick(110)
        #expect(desk.orders == ["TARGET WORKING 100@100.50", "STOP WORKING 100@99.85"])
        var state = desk.engine.accountState
        #expect(state.position == 100 && state.positionSide == .long && state.avgEntry == M.price(100_01))
        #expect(state.unrealizedPL == Money(cents: -1_00), "marked at the bid 100.00")
        #expect(state.dailyPL == Money(cents: -2_00), "and a $1 commission")
        #expect(state.dailyTrades == 1)

        _ = try desk.execute(.updateStop(M.price(99_95)), at: 200).get()
        desk.tick(210)
        _ = try desk.execute(.updateTarget(M.price(100_40)), at: 300).get()
        desk.tick(310)
        #expect(desk.orders == ["TARGET WORKING 100@100.40", "STOP WORKING 100@99.95"])

        desk.feed(M.trade(100_40, 100, .buy, at: 400))
        state = desk.engine.accountState
        #expect(state.position == 0 && state.positionSide == nil && state.avgEntry == nil)
        #expect(desk.account.realizedPL == Money(cents: 39_00))
        #expect(desk.account.commissions == Money(cents: 2_00))
        #expect(state.dailyPL == Money(cents: 37_00))
        #expect(desk.orders.isEmpty)
        #expect(desk.exchange.state(of: "T-1-stop") == .cancelled)
        #expect(desk.engine.orders.bracket == nil)
    }

    @Test func shortRoundTripStoppedOutWithSlippage() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.short(100_00, 100_15, 99_60), at: 100).get()
        desk.tick(110)
        var state = desk.engine.accountState
        #expect(state.position == 100 && state.positionSide == .short && state.avgEntry == M.price(100_00))
        #expect(state.unrealizedPL == Money(cents: -1_00), "marked at the ask 100.01")
        for cents: Int64 in [100_01, 100_02, 100_03] { desk.feed(M.depth(.ask, cents, 0, at: 200, endsBatch: false)) }
        desk.feed(M.depth(.ask, 100_16, 50, at: 200, endsBatch: false))
        desk.feed(M.depth(.ask, 100_17, 100, at: 200))
        desk.feed(M.trade(100_15, 10, .buy, at: 210))
        state = desk.engine.accountState
        #expect(state.position == 0)
        #expect(desk.account.realizedPL == Money(cents: -16_50), "bought back 50@100.16 and 50@100.17")
        #expect(state.dailyPL == Money(cents: -18_50))
        #expect(desk.exchange.state(of: "T-1-target") == .cancelled)
    }

    /// #16: a flatten that cancelled the stop first left the position bare until its exit filled.
    @Test func aFlattenKeepsTheStopWorkingUntilItsExitFills() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        let started = try desk.execute(.cancelAllAndFlatten(reason: "CANCEL_ALL()"), at: 200).get()
        let exit = OrderRequest(
            id: "T-2-exit", side: .sell, type: .market, price: nil, quantity: 100, role: .exit, ocaGroup: "T-1")
        #expect(started == [.flattenStarted(reason: "CANCEL_ALL()"), .submitted([exit])], "the exit goes out at once")
        desk.tick(205)
        #expect(desk.exchange.state(of: "T-1-stop") == .working, "protected while the exit is on its way")
        #expect(desk.exchange.state(of: "T-1-target") == .working)
        let done = desk.tick(210)
        #expect(desk.account.position == 0)
        #expect(desk.exchange.state(of: "T-1-stop") == .cancelled, "its OCA group cancelled it when the exit filled")
        #expect(desk.exchange.state(of: "T-1-target") == .cancelled)
        #expect(done.last == .flattenCompleted)
        #expect(desk.account.dailyPL == Money(cents: -3_00), "bought 100.01, sold 100.00, two commissions")
        #expect(!desk.engine.orders.isFlattening && desk.orders.isEmpty)
        // An entry is possible again.
        #expect(desk.execute(Desk.long(100_01, 99_85, 100_50), at: 300).failure == nil)
    }

    @Test func aStopThatFillsBeforeTheExitArrivesCancelsTheExitInsteadOfReversing() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        _ = try desk.execute(.cancelAllAndFlatten(reason: "CANCEL_ALL()"), at: 200).get()
        // The market falls through the stop before the exit (10 ms of latency) arrives.
        for cents: Int64 in [100_00, 99_99, 99_98] { desk.feed(Market.depth(.bid, cents, 0, at: 203, endsBatch: false)) }
        desk.feed(Market.depth(.bid, 99_84, 500, at: 203))
        desk.feed(Market.trade(99_84, 10, .sell, at: 205))
        #expect(desk.exchange.state(of: "T-1-stop") == .filled)
        desk.tick(210)
        desk.tick(220)
        #expect(desk.exchange.state(of: "T-2-exit") == .cancelled)
        #expect(desk.account.position == 0, "never short: the exit's shares were the stop's")
        #expect(desk.positions.allSatisfy { $0 >= 0 })
        #expect(desk.events.last == .flattenCompleted)
    }

    @Test func aFlattenAfterAPartlyFilledTargetSellsOnlyWhatIsLeft() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        desk.feed(Market.trade(100_50, 40, .buy, at: 150))
        #expect(desk.account.position == 60)
        let started = try desk.execute(.cancelAllAndFlatten(reason: "CANCEL_ALL()"), at: 200).get()
        #expect(started.contains { if case .submitted(let orders) = $0 { orders.map(\.quantity) == [60] } else { false } })
        desk.tick(210)
        desk.tick(220)
        #expect(desk.account.position == 0)
        #expect(desk.exchange.state(of: "T-2-exit") == .filled, "all 60 shares: the target's 40 came before it")
        #expect(desk.events.last == .flattenCompleted)
    }

    @Test func anUnfilledEntryExpiresWithItsLegs() throws {
        let desk = Desk(entryTimeout: .seconds(5))
        _ = try desk.execute(Desk.long(99_99, 99_85, 100_40), at: 100).get()
        desk.tick(110)
        #expect(desk.orders == ["ENTRY WORKING 100@99.99", "TARGET PENDING 100@100.40", "STOP PENDING 100@99.85"])
        desk.tick(5_099)
        #expect(desk.orders.count == 3)
        let expired = desk.tick(5_100)
        #expect(expired == [.cancelRequested("T-1-entry", reason: "entry not filled within 5 s")])
        desk.tick(5_110)
        #expect(desk.orders.isEmpty)
        #expect(!desk.engine.orders.hasLiveOrders && desk.engine.orders.bracket == nil)
        #expect(desk.exchange.state(of: "T-1-stop") == .cancelled)
    }

    @Test func partialEntryLegsFollowTheFilledQuantity() throws {
        var limits = RiskLimits()
        limits.maxPosition = 200
        let desk = Desk(limits: limits, entryTimeout: .seconds(1))
        // 100 shares offered at 100.01: 100 fill, 50 rest.
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50, 150), at: 100).get()
        desk.tick(110)
        #expect(desk.orders == ["ENTRY PARTIALLY_FILLED 50@100.01", "TARGET WORKING 100@100.50", "STOP WORKING 100@99.85"])
        desk.feed(M.trade(100_01, 30, .sell, at: 200))
        #expect(desk.orders == ["ENTRY PARTIALLY_FILLED 20@100.01", "TARGET WORKING 130@100.50", "STOP WORKING 130@99.85"])
        #expect(desk.account.position == 130 && desk.account.dailyTrades == 1)
        // Good-till: the remaining 20 are cancelled, the legs keep protecting 130 shares.
        desk.tick(1_100)
        desk.tick(1_110)
        #expect(desk.orders == ["TARGET WORKING 130@100.50", "STOP WORKING 130@99.85"])
        desk.feed(M.trade(100_50, 50, .buy, at: 1_200))
        #expect(desk.orders == ["TARGET PARTIALLY_FILLED 80@100.50", "STOP WORKING 80@99.85"])
        #expect(desk.account.position == 80)
        desk.feed(M.trade(99_85, 10, .sell, at: 1_300))
        #expect(desk.account.position == 0)
        #expect(desk.orders.isEmpty)
        #expect(desk.exchange.state(of: "T-1-target") == .filled, "the target keeps its 50 filled shares")
        #expect(desk.exchange.state(of: "T-1-stop") == .filled)
    }

    /// #16: a bracket that partly filled, went flat through its stop and filled again counted as two trades.
    @Test func aBracketIsOneTradeEvenWhenItsStopTookItFlatBetweenTwoParts() throws {
        var limits = RiskLimits()
        limits.maxPosition = 200
        let desk = Desk(limits: limits)
        // 100 shares offered at 100.01: 100 fill, 50 rest.
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50, 150), at: 100).get()
        desk.tick(110)
        #expect(desk.account.position == 100 && desk.account.dailyTrades == 1)
        // A print through the stop: it triggers (the print also fills 10 more of the entry) and sells.
        desk.feed(M.trade(99_85, 10, .sell, at: 200))
        #expect(desk.account.position == 0, "the triggered stop sold what the entry had bought")
        #expect(desk.orders == ["ENTRY PARTIALLY_FILLED 40@100.01", "TARGET WORKING 0@100.50", "STOP PARTIALLY_FILLED 0@99.85"])
        // The entry's rest fills: the position leaves flat again, and the triggered stop sells it.
        desk.feed(M.trade(100_01, 50, .sell, at: 300))
        #expect(desk.exchange.state(of: "T-1-entry") == .filled)
        #expect(desk.account.position == 0)
        #expect(desk.account.dailyTrades == 1, "one bracket, one trade")
    }

    @Test func stopAndTargetChangesGoThroughRisk() throws {
        let desk = Desk()
        #expect(desk.execute(.updateStop(M.price(99_90)), at: 50).failure == .noPosition)
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        #expect(
            desk.execute(.updateStop(M.price(100_00)), at: 200).failure
                == .stopWouldFire(stop: M.price(100_00), touch: M.price(100_00)))
        #expect(
            desk.execute(.updateStop(M.price(99_70)), at: 200).failure
                == .stopTooFar(distance: M.price(31), max: M.price(20)))
        #expect(
            desk.execute(.updateTarget(M.price(99_99)), at: 200).failure?.description
                == "target 99.99 is not on the profitable side of a LONG entered at 100.01")
    }

    @Test func aPositionWithoutAStopIsFlattened() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        // Someone cancels both legs behind our back (e.g. in TWS).
        desk.exchange.cancel("T-1-stop", at: M.time(120))
        desk.exchange.cancel("T-1-target", at: M.time(120))
        let events = desk.tick(130)
        #expect(events.contains(.flattenStarted(reason: "a position of 100 shares has no working stop")))
        desk.tick(140)
        desk.tick(150)
        #expect(desk.account.position == 0)
    }

    @Test func aFailedFlattenIsRetriedOnceASecond() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        _ = desk.execute(.cancelAllAndFlatten(reason: "CANCEL_ALL()"), at: 200)
        // The bid side is gone: the market sell will find nobody to sell to. It went out at 200,
        // beside the stop, so the next one may go at 1_200.
        for cents: Int64 in [100_00, 99_99] { desk.feed(M.depth(.bid, cents, 0, at: 205, endsBatch: false)) }
        desk.feed(M.depth(.bid, 99_98, 0, at: 205))
        desk.tick(210)
        #expect(desk.engine.orders.liveOrders.map(\.request.id) == ["T-1-stop", "T-2-exit"])
        desk.exchange.cancel("T-2-exit", at: M.time(220))
        desk.tick(230)
        desk.tick(600)
        #expect(desk.engine.orders.liveOrders.map(\.request.id) == ["T-1-stop"], "no new exit within a second; the stop stays")
        desk.feed(M.depth(.bid, 99_90, 300, at: 1_000))
        desk.tick(1_199)
        #expect(desk.engine.orders.liveOrders.map(\.request.id) == ["T-1-stop"])
        desk.tick(1_200)
        #expect(desk.engine.orders.liveOrders.map(\.request.id) == ["T-1-stop", "T-3-exit"])
        desk.tick(1_210)
        #expect(desk.account.position == 0)
        #expect(desk.exchange.state(of: "T-1-stop") == .cancelled)
        #expect(desk.events.last == .flattenCompleted)
    }
}
