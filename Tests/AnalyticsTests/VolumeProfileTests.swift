import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct VolumeProfileTests {
    @Test func classicTwoRowWalk() {
        // 10.00 ... 10.08; POC 10.04 (50). Target 70 % of 200 = 140. Below pair 40 + 20 = 60 beats
        // above 30 + 25 = 55 -> 110; then above 55 beats below 10 + 5 = 15 -> 165 >= 140.
        let volumes: [Int64] = [5, 10, 20, 40, 50, 30, 25, 10, 10]
        let area = ValueArea.walk(volumes, low: 0, high: 8, poc: 4, total: 200, percent: 70)
        #expect(area.low == 2 && area.high == 6)
    }

    @Test func aTieAddsThePairAbove() {
        let area = ValueArea.walk([10, 10, 50, 10, 10], low: 0, high: 4, poc: 2, total: 90, percent: 70)
        #expect(area.low == 2 && area.high == 4)
    }

    @Test func pairsAreCutShortAndExhaustedSidesSkipped() {
        // One bucket left each side: 60 below beats 20 above.
        let short = ValueArea.walk([60, 100, 20], low: 0, high: 2, poc: 1, total: 180, percent: 70)
        #expect(short.low == 0 && short.high == 1)
        // POC at the bottom: nothing below, so pairs come from above only.
        let exhausted = ValueArea.walk([100, 20, 30, 40], low: 0, high: 3, poc: 0, total: 190, percent: 70)
        #expect(exhausted.low == 0 && exhausted.high == 2)
        // Stops at once when the POC alone holds the target.
        let alone = ValueArea.walk([10, 100, 20], low: 0, high: 2, poc: 1, total: 130, percent: 70)
        #expect(alone.low == 1 && alone.high == 1)
    }

    @Test func emptyBucketsInsideTheRangeCount() {
        // Above: 0 + 50 = 50 beats below: 0 + 0.
        let area = ValueArea.walk([30, 0, 0, 100, 0, 50], low: 0, high: 5, poc: 3, total: 180, percent: 70)
        #expect(area.low == 3 && area.high == 5)
    }

    @Test func pocTieGoesToTheMiddleThenTheLower() {
        #expect(ValueArea.pointOfControl([50, 10, 50, 10, 50], low: 0, high: 4) == 2)
        #expect(ValueArea.pointOfControl([50, 50, 10, 10], low: 0, high: 3) == 1)
        #expect(ValueArea.pointOfControl([10, 50, 50, 10], low: 0, high: 3) == 1)
        #expect(ValueArea.pointOfControl([10, 50, 50, 10], low: 2, high: 3) == 2)
    }

    @Test func engineReportsBucketLowerEdges() {
        var script = Script()
        let volumes: [Int64] = [5, 10, 20, 40, 50, 30, 25, 10, 10]
        for (index, volume) in volumes.enumerated() {
            script.trade(at(10, 0, index), 10.00 + Double(index) / 100, volume, .buy)
        }
        script.trade(at(10, 0, 10), 10.0150, 0, .buy)  // size 0: ignored
        let state = script.state(at(10, 0, 10))
        #expect(state.vpPOC == usd(10.04))
        #expect(state.vpVAL == usd(10.02))
        #expect(state.vpVAH == usd(10.06))
        #expect(state.priceVsPOC == .above)  // LAST 10.08 > 10.04 + 0.02
        #expect(script.engine.ignoredTradeCount == 1)
    }

    @Test func subPennyPricesFallInTheBucketBelow() {
        var parameters = FeatureParameters()
        parameters.profileBucket = usd(0.05)
        var script = Script(parameters)
        script.trade(at(10, 0, 0), 10.0499, 100, .buy)
        script.trade(at(10, 0, 1), 10.07, 150, .buy)
        script.trade(at(10, 0, 2), 10.0999, 60, .buy)
        let state = script.state(at(10, 0, 2))
        #expect(state.vpPOC == usd(10.05))
        #expect(state.last == usd(10.0999))  // LAST keeps its exact value
        #expect(state.hod == usd(10.0999))
    }

    @Test func priceVersusPOCToleranceIsInclusive() {
        var script = Script()
        script.trade(at(10, 0, 0), 10.00, 1000, .buy)
        script.trade(at(10, 0, 1), 10.02, 10, .buy)
        #expect(script.state(at(10, 0, 1)).priceVsPOC == .atPOC)
        script.trade(at(10, 0, 2), 9.98, 10, .buy)
        #expect(script.state(at(10, 0, 2)).priceVsPOC == .atPOC)
        script.trade(at(10, 0, 3), 9.97, 10, .buy)
        #expect(script.state(at(10, 0, 3)).priceVsPOC == .below)
        script.trade(at(10, 0, 4), 10.03, 10, .buy)
        #expect(script.state(at(10, 0, 4)).priceVsPOC == .above)
    }

    @Test func developingPOCUsesItsOwnWindowAndRange() {
        var script = Script()
        script.trade(at(10, 0, 0), 10.00, 200, .buy)
        script.trade(at(10, 20, 0), 10.05, 100, .buy)
        script.trade(at(10, 25, 0), 10.06, 100, .sell)
        let before = script.state(at(10, 29, 59))
        #expect(before.vpDevelopingPOC == usd(10.00) && before.vpPOC == usd(10.00))
        // (10:00, 10:30]: 10.05 and 10.06 tie; the window's middle is 10.055: the lower wins.
        let after = script.state(at(10, 30, 0))
        #expect(after.vpDevelopingPOC == usd(10.05) && after.vpPOC == usd(10.00))
        #expect(script.state(at(10, 55, 0)).vpDevelopingPOC == nil)  // nothing in the last 30 minutes
        script.trade(at(10, 56, 0), 10.01, 5, .sell)
        #expect(script.state(at(10, 56, 0)).vpDevelopingPOC == usd(10.01))
    }

    @Test func anAbsurdPrintCannotBlowUpTheProfile() {
        var script = Script()
        script.trade(at(10, 0, 0), 10.00, 100, .buy)
        script.trade(at(10, 0, 1), 99_999.00, 1, .buy)  // 10 million cents away
        let state = script.state(at(10, 0, 1))
        #expect(state.vpPOC == usd(10.00) && state.vpVAH == usd(10.00))
        #expect(state.hod == usd(99_999.00))
    }
}
