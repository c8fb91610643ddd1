import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct KeyLevelsTests {
    private func location(last: Double, high: Double, low: Double) -> HodLodLocation {
        KeyLevels.location(
            last: usd(last), high: usd(high), low: usd(low), breakoutFrom: nil, breakdownFrom: nil,
            parameters: FeatureParameters())
    }

    @Test func eachBoundaryIsInclusive() {
        #expect(location(last: 100, high: 100.15, low: 90) == .testingHOD)  // exactly 0.15 %
        #expect(location(last: 100, high: 100.16, low: 90) == .nearHOD)
        #expect(location(last: 100, high: 100.40, low: 90) == .nearHOD)  // exactly 0.40 %
        #expect(location(last: 100, high: 100.41, low: 90) == .midRange)
        #expect(location(last: 100, high: 110, low: 99.85) == .testingLOD)
        #expect(location(last: 100, high: 110, low: 99.84) == .nearLOD)
        #expect(location(last: 100, high: 110, low: 99.60) == .nearLOD)
        #expect(location(last: 100, high: 110, low: 99.59) == .midRange)
    }

    @Test func theNearerExtremeWinsAndATieGoesToTheHigh() {
        #expect(location(last: 100, high: 100.10, low: 99.95) == .testingLOD)
        #expect(location(last: 100, high: 100.30, low: 99.95) == .testingLOD)
        #expect(location(last: 100, high: 100.10, low: 99.90) == .testingHOD)
        #expect(location(last: 100, high: 100, low: 100) == .testingHOD)
    }

    @Test func breakoutHoldsForTheWindowWhileLastStaysAboveTheOldHigh() {
        var script = Script()
        #expect(script.state(at(10, 0, 0)).hodLodLoc == nil)
        script.trade(at(10, 0, 0), 100.00, 10, .buy)
        // The session's first print sets no new high.
        #expect(script.state(at(10, 0, 0)).hodLodLoc == .testingHOD)
        script.trade(at(10, 0, 1), 99.50, 10, .sell)
        #expect(script.state(at(10, 0, 1)).hodLodLoc == .breakdown)
        #expect(script.state(at(10, 0, 11)).hodLodLoc == .testingLOD)  // the new low left (t − 10 s, t]
        script.trade(at(10, 0, 20), 100.10, 10, .buy)
        #expect(script.state(at(10, 0, 25)).hodLodLoc == .breakout)
        script.trade(at(10, 0, 26), 100.00, 10, .sell)  // LAST back at the old high: still a breakout
        #expect(script.state(at(10, 0, 26)).hodLodLoc == .breakout)
        script.trade(at(10, 0, 27), 99.99, 10, .sell)
        let state = script.state(at(10, 0, 27))
        #expect(state.hodLodLoc == .testingHOD)
        #expect(state.hod == usd(100.10) && state.lod == usd(99.50))
        #expect(abs((state.distanceToHODPct ?? -1) - 0.11 / 99.99 * 100) < 1e-9)
        #expect(abs((state.distanceToLODPct ?? -1) - 0.49 / 99.99 * 100) < 1e-9)
        script.trade(at(10, 0, 28), 100.20, 10, .buy)  // a second new high inside the window
        script.trade(at(10, 0, 29), 100.05, 10, .sell)  // below 100.10, above 100.00 (the earliest's old high)
        #expect(script.state(at(10, 0, 29, ms: 999)).hodLodLoc == .breakout)
        // (10:00:20, 10:00:30]: the earliest new high left is 10:00:28's, over 100.10 > LAST;
        // 0.15 / 100.05 = 0.1499 % from the HOD.
        #expect(script.state(at(10, 0, 30)).hodLodLoc == .testingHOD)
    }

    @Test func printsThatDoNotSetLastNeverMoveTheExtremes() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, 10, .buy)
        script.trade(at(10, 0, 1), 120.00, 1000, .buy, setsLast: false)
        let state = script.state(at(10, 0, 1))
        #expect(state.hod == usd(100.00) && state.last == usd(100.00) && state.hodLodLoc == .testingHOD)
        #expect(state.cvdSession == 1010)
    }
}
