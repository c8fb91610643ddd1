import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct FootprintBarBuilderTests {
    @Test func ohlcVolumeDeltaAndPercent() throws {
        var script = Script()
        script.trade(at(10, 0, 1), 100.00, 100, .buy)
        script.trade(at(10, 0, 2), 100.03, 50, .buy)
        script.trade(at(10, 0, 3), 99.98, 25, .sell)
        script.trade(at(10, 0, 4), 105.00, 25, .sell, setsLast: false)  // volume and delta only
        script.trade(at(10, 0, 5), 100.01, 100, .sell)
        let bar = script.state(at(10, 0, 59, ms: 999)).footprint
        #expect(bar.open == usd(100.00))
        #expect(bar.high == usd(100.03))
        #expect(bar.low == usd(99.98))
        #expect(bar.close == usd(100.01))
        #expect(bar.volume == 300)
        #expect(bar.delta == 0)
        #expect(bar.deltaPct == 0)
        #expect(bar.poc == usd(100.01))  // 100 at 100.00 ties 100 at 100.01, which is the close
    }

    @Test func pocTieGoesToTheCloseThenTheLower() {
        var script = Script()
        script.trade(at(10, 0, 1), 100.00, 100, .buy)
        script.trade(at(10, 0, 2), 100.02, 100, .buy)
        script.trade(at(10, 0, 3), 100.01, 1, .buy)
        // 100.00 and 100.02 tie at 100 shares and lie one cent either side of the close 100.01.
        #expect(script.state(at(10, 0, 3)).footprint.poc == usd(100.00))
        script.trade(at(10, 0, 4), 100.02, 1, .buy, setsLast: true)
        #expect(script.state(at(10, 0, 4)).footprint.poc == usd(100.02))  // 101 shares now
    }

    @Test func emptyBarAfterTheMinuteTurns() {
        var script = Script()
        script.trade(at(10, 0, 59, ms: 999), 100.00, 100, .buy)
        let bar = script.state(at(10, 1, 0)).footprint
        #expect(bar == FootprintBar())
        #expect(bar.open == nil && bar.poc == nil && bar.deltaPct == nil && bar.volume == 0 && bar.imbalances.isEmpty)
        script.trade(at(10, 1, 1), 101.00, 7, .sell)
        let next = script.state(at(10, 1, 1)).footprint
        #expect(next.open == usd(101.00) && next.volume == 7 && next.delta == -7 && next.deltaPct == -100)
    }

    @Test func barWithOnlyPrintsThatDoNotSetLast() {
        var script = Script()
        script.trade(at(10, 0, 1), 100.00, 40, .buy, setsLast: false)
        let bar = script.state(at(10, 0, 2)).footprint
        #expect(bar.open == nil && bar.close == nil)
        #expect(bar.volume == 40 && bar.delta == 40 && bar.poc == usd(100.00))
    }

    /// 100.00: ask 20, bid 50; 100.01: ask 300, bid 0.
    private func imbalanceScript(_ mode: FootprintMode) -> Script {
        var parameters = FeatureParameters()
        parameters.footprintMode = mode
        var script = Script(parameters)
        script.trade(at(10, 0, 1), 100.00, 20, .buy)
        script.trade(at(10, 0, 2), 100.00, 50, .sell)
        script.trade(at(10, 0, 3), 100.01, 300, .buy)
        return script
    }

    @Test func diagonalImbalanceComparesAskWithTheBidOneTickBelow() {
        var script = imbalanceScript(.diagonal)
        // 100.01: ask 300 against bid 50 at 100.00 (6×, 350 shares). 100.00: ask 20 against
        // nothing at 99.99 is only 20 shares.
        #expect(
            script.state(at(10, 0, 3)).footprint.imbalances == [
                FootprintImbalance(price: usd(100.01), bidVol: 50, askVol: 300, ratio: 6)
            ])
    }

    @Test func horizontalImbalanceComparesAtTheSamePrice() {
        var script = imbalanceScript(.horizontal)
        // 100.00: 20 against 50 is only 70 shares. 100.01: 300 against 0 (counted as 1).
        #expect(
            script.state(at(10, 0, 3)).footprint.imbalances == [
                FootprintImbalance(price: usd(100.01), bidVol: 0, askVol: 300, ratio: 300)
            ])
    }

    @Test func sellerImbalanceAndInclusiveBounds() {
        var script = Script()
        script.trade(at(10, 0, 1), 100.00, 300, .sell)
        script.trade(at(10, 0, 2), 100.01, 100, .buy)
        script.trade(at(10, 0, 3), 100.05, 75, .buy)
        script.trade(at(10, 0, 4), 100.04, 25, .sell)
        // 100.01: bid 300 at 100.00 is exactly 3 × 100 (ratio 1/3). 100.05: 75 against 25 is
        // exactly 3× and exactly imbalance_min_volume (100 shares).
        #expect(
            script.state(at(10, 0, 4)).footprint.imbalances == [
                FootprintImbalance(price: usd(100.01), bidVol: 300, askVol: 100, ratio: 100.0 / 300.0),
                FootprintImbalance(price: usd(100.05), bidVol: 25, askVol: 75, ratio: 3),
            ])
    }

    @Test func tickBelowADollarIsAHundredthOfACent() {
        #expect(FootprintBarBuilder.tick(at: usd(1.00)) == .cent)
        #expect(FootprintBarBuilder.tick(at: usd(0.9999)) == Price(raw: 1))
    }
}
