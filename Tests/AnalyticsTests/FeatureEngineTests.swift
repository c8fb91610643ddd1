import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct FeatureEngineTests {
    @Test func nullsBeforeTheFirstPrint() {
        var script = Script(adv: 1_000_000)
        script.book(at(9, 45, 0), bids: [(100.00, 100)], asks: [(100.02, 100)])
        let state = script.state(at(9, 45, 0))
        #expect(state.ticker == "TEST")
        #expect(state.last == nil && state.vwap == nil && state.hod == nil && state.lod == nil)
        #expect(state.vpPOC == nil && state.vpVAH == nil && state.vpVAL == nil && state.vpDevelopingPOC == nil)
        #expect(state.priceVsPOC == nil && state.distanceToHODPct == nil && state.distanceToLODPct == nil)
        #expect(state.hodLodLoc == nil)
        #expect(state.cvdSession == 0 && state.cvdSlope5m == 0 && state.cvdTrend == .flat)
        #expect(state.tapeDelta1s == 0 && state.tapeDelta5s == 0 && state.footprint == FootprintBar())
        #expect(state.tapeVelocityTPS == 0 && state.tapeVelocity == .low && state.tapeSentiment == .neutral)
        #expect(state.largePrints1m.isEmpty && !state.absorptionDetected)
        #expect(state.rvolDay == 0)
        #expect(state.timeSession == .openDrive)
        #expect(state.spread == usd(0.02) && state.l2Imbalance == 1)
        #expect(script.engine.lastTradeTime == nil && script.engine.lastEventTime == at(9, 45, 0))
    }

    @Test func unknownAggressorsAreClassifiedByQuoteThenTick() {
        var script = Script()
        script.book(at(10, 0, 0), bids: [(100.00, 100)], asks: [(100.02, 100)])
        script.trade(at(10, 0, 1), 100.02, 1, .unknown)  // at the ask: BUY
        #expect(script.state(at(10, 0, 1)).cvdSession == 1)
        script.trade(at(10, 0, 1), 100.00, 10, .unknown)  // at the bid: SELL
        #expect(script.state(at(10, 0, 1)).cvdSession == -9)
        script.trade(at(10, 0, 1), 100.01, 100, .unknown)  // inside, up-tick from 100.00: BUY
        #expect(script.state(at(10, 0, 1)).cvdSession == 91)
        script.trade(at(10, 0, 1), 100.01, 1000, .unknown)  // zero tick: repeats BUY
        #expect(script.state(at(10, 0, 1)).cvdSession == 1091)
        script.trade(at(10, 0, 1), 100.0050, 10000, .unknown)  // down-tick: SELL
        #expect(script.state(at(10, 0, 1)).cvdSession == -8909)
    }

    @Test func theQuoteInForceIsTheOneBeforeTheBatch() {
        var script = Script()
        script.book(at(10, 0, 0), bids: [(100.00, 100)], asks: [(100.02, 100), (100.03, 100)])
        // One message: the ask at 100.02 is taken out, and its print reported in the same batch.
        let delete = DepthUpdate(side: .ask, price: usd(100.02), size: 0, operation: .delete)
        script.engine.apply(TimedEvent(time: at(10, 0, 1), event: .depth(delete), endsBatch: false))
        script.engine.apply(
            TimedEvent(time: at(10, 0, 1), event: .trade(Trade(price: usd(100.02), size: 100, aggressor: .unknown))))
        #expect(script.state(at(10, 0, 1)).cvdSession == 100)  // >= the ask of 100.02 in force: BUY
        // A quote event also sets the quote: 100.025 is now at or below the bid.
        script.engine.apply(
            TimedEvent(
                time: at(10, 0, 2), event: .quote(Quote(bid: usd(100.03), bidSize: 1, ask: usd(100.05), askSize: 1))))
        script.trade(at(10, 0, 3), 100.03, 50, .unknown)
        #expect(script.state(at(10, 0, 3)).cvdSession == 50)
    }

    @Test func printsThatDoNotSetLastCountEverywhereElse() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, 100, .buy)
        script.trade(at(10, 0, 1), 101.00, 50, .sell, setsLast: false)
        let state = script.state(at(10, 0, 1))
        #expect(state.last == usd(100.00) && state.hod == usd(100.00) && state.lod == usd(100.00))
        #expect(state.footprint.high == usd(100.00) && state.footprint.close == usd(100.00))
        #expect(state.footprint.volume == 150 && state.footprint.delta == 50)
        #expect(state.cvdSession == 50 && state.tapeDelta5s == 50 && state.tapeDelta1s == -50)
        #expect(state.vwap == Price(raw: (100 * 1_000_000 + 50 * 1_010_000 + 75) / 150))
    }

    @Test func preMarketPrintsSetLastButNotSessionLevels() {
        var script = Script()
        script.trade(at(9, 0, 0), 99.00, 100, .buy)
        let state = script.state(at(9, 0, 0))
        #expect(state.timeSession == .preMarket)
        #expect(state.last == usd(99.00) && state.hod == nil && state.vwap == nil && state.cvdSession == 0)
        #expect(state.hodLodLoc == nil && state.vpPOC == nil && state.priceVsPOC == nil)
        #expect(state.footprint.volume == 100 && state.tapeDelta5s == 100)
    }

    @Test func queriesNeverGoBackInTime() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, 100, .buy)
        #expect(script.state(at(10, 0, 6)).tapeDelta5s == 0)
        #expect(script.state(at(10, 0, 2)).tapeDelta5s == 0)  // raised to 10:00:06
        script.trade(at(10, 0, 7), 100.00, 5, .sell)
        #expect(script.state(at(9, 0, 0)).tapeDelta5s == -5)  // raised to the last event
        #expect(script.state(at(9, 0, 0)).timeSession == .morning)
    }

    @Test func damagedPrintsAreIgnoredAndCounted() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, -5, .buy)
        script.trade(at(10, 0, 0), 0, 5, .buy)
        script.engine.apply(
            TimedEvent(
                time: at(10, 0, 0),
                event: .trade(Trade(price: usd(100), size: FeatureEngine.maxTradeSize + 1, aggressor: .buy))))
        #expect(script.engine.ignoredTradeCount == 3 && script.engine.tradeCount == 0)
        #expect(script.state(at(10, 0, 0)).last == nil)
    }
}
