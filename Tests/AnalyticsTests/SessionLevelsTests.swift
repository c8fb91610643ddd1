import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct SessionLevelsTests {
    @Test func phaseBoundariesBelongToTheLaterPhase() {
        let parameters = FeatureParameters()
        let cases: [(Timestamp, TimeSession)] = [
            (Timestamp(nanos: at(9, 30, 0).nanos - 1), .preMarket), (at(9, 30, 0), .openDrive),
            (at(10, 0, 0), .morning), (at(11, 30, 0), .midday), (at(14, 0, 0), .afternoon),
            (at(15, 30, 0), .close), (at(16, 0, 0), .close), (Timestamp(nanos: at(16, 0, 0).nanos + 1), .afterHours),
        ]
        for (time, phase) in cases {
            #expect(SessionLevels.phase(at: time, parameters: parameters) == phase, "\(time)")
        }
    }

    @Test func relativeVolumeFollowsTheCurve() throws {
        var parameters = FeatureParameters()
        parameters.volumeCurve = try #require(VolumeCurve(weights: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        var script = Script(parameters, adv: 1_400_000)
        #expect(script.state(at(9, 30, 0)).rvolDay == nil)  // nothing is expected yet
        script.trade(at(9, 31, 0), 50.00, 300_000, .buy)
        // 09:45 is half of the first half hour: 1/14 of the day, 100,000 shares.
        #expect(abs((script.state(at(9, 45, 0)).rvolDay ?? 0) - 3.0) < 1e-9)
        // 10:00: 2/14, 200,000 shares.
        #expect(abs((script.state(at(10, 0, 0)).rvolDay ?? 0) - 1.5) < 1e-9)

        var unknown = Script(parameters)
        unknown.trade(at(9, 31, 0), 50.00, 300_000, .buy)
        #expect(unknown.state(at(10, 0, 0)).rvolDay == nil)
    }

    @Test func vwapRoundsHalfAwayFromZero() {
        var script = Script()
        #expect(script.state(at(10, 0, 0)).vwap == nil)
        script.trade(at(10, 0, 0), 10.00, 100, .buy)
        script.trade(at(10, 0, 1), 10.01, 200, .sell)
        script.trade(at(10, 0, 2), 10.0150, 1, .buy, setsLast: false)
        // (100 × 100000 + 200 × 100100 + 1 × 100150) / 301 = 100066.94 -> 10.0067
        #expect(script.state(at(10, 0, 2)).vwap == Price(raw: 100_067))
    }

    @Test func wideSumDoesNotOverflowAndRoundsExactly() {
        var sum = WideSum()
        sum.add(Price(raw: 1_000_000_000_000), times: 1_000_000_000)  // 1e21, past Int64
        sum.add(Price(raw: 1_000_000_000_002), times: 1_000_000_000)
        #expect(sum.average(over: 2_000_000_000) == Price(raw: 1_000_000_000_001))

        var half = WideSum()
        half.add(Price(raw: 5), times: 1)
        #expect(half.average(over: 2) == Price(raw: 3))
        var negative = WideSum()
        negative.add(Price(raw: -5), times: 1)
        #expect(negative.average(over: 2) == Price(raw: -3))
        #expect(negative.average(over: 0) == nil)
    }
}
