import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct CumulativeDeltaTests {
    @Test func slopeIsBoundedByOneAndMinusOne() {
        var buying = Script()
        for index in 0..<10 { buying.trade(at(10, 0, index), 100, 100 + Int64(index), .buy) }
        let up = buying.state(at(10, 0, 10))
        #expect(up.cvdSlope5m == 1 && up.cvdTrend == .rising && up.cvdSession == 1045)

        var selling = Script()
        for index in 0..<10 { selling.trade(at(10, 0, index), 100, 7, .sell) }
        let down = selling.state(at(10, 0, 10))
        #expect(down.cvdSlope5m == -1 && down.cvdTrend == .falling && down.cvdSession == -70)
    }

    @Test func trendThresholdIsStrict() {
        var flat = Script()
        flat.trade(at(10, 0, 0), 100, 55, .buy)
        flat.trade(at(10, 0, 1), 100, 45, .sell)
        #expect(flat.state(at(10, 0, 1)).cvdSlope5m == 0.1)
        #expect(flat.state(at(10, 0, 1)).cvdTrend == .flat)

        var rising = Script()
        rising.trade(at(10, 0, 0), 100, 56, .buy)
        rising.trade(at(10, 0, 1), 100, 44, .sell)
        #expect(rising.state(at(10, 0, 1)).cvdTrend == .rising)
    }

    @Test func slopeUsesTheTrailingFiveMinutesAndTheSessionOnly() {
        var script = Script()
        script.trade(at(9, 29, 59), 100, 1000, .sell)  // before the open: no CVD
        #expect(script.state(at(9, 30, 0)).cvdSession == 0)
        #expect(script.state(at(9, 30, 0)).cvdSlope5m == 0)  // no volume: 0
        script.trade(at(9, 31, 0), 100, 300, .buy)
        script.trade(at(9, 34, 0), 100, 100, .sell)
        // Before 09:35 the window is the session so far.
        #expect(script.state(at(9, 34, 30)).cvdSlope5m == 0.5)
        // (09:31:00, 09:36:00]: only the sell is left; CVD keeps both.
        let later = script.state(at(9, 36, 0))
        #expect(later.cvdSlope5m == -1 && later.cvdSession == 200)
        #expect(script.state(at(9, 39, 0)).cvdSlope5m == 0)
    }
}
