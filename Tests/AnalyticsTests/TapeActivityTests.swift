import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct TapeActivityTests {
    @Test func windowsAreHalfOpenOnTheLeft() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, 100, .buy)
        script.trade(at(10, 0, 0, ms: 500), 100.00, 30, .sell)
        script.trade(at(10, 0, 4), 100.01, 50, .buy)
        let early = script.state(at(10, 0, 4, ms: 999))
        #expect(early.tapeDelta1s == 50)
        #expect(early.tapeDelta5s == 120)
        #expect(early.tapeVelocityTPS == 0.6)
        // (10:00:00, 10:00:05]: the print at exactly 10:00:00.000 has left every window.
        let state = script.state(at(10, 0, 5))
        #expect(state.tapeDelta1s == 0)
        #expect(state.tapeDelta5s == 20)
        #expect(state.tapeVelocityTPS == 0.4)
        #expect(state.tapeVelocity == .low)
    }

    @Test func velocityBands() {
        for (trades, expected) in [(49, TapeVelocity.low), (50, .medium), (150, .medium), (151, .high)] {
            var script = Script()
            for index in 0..<trades { script.trade(at(10, 0, 1, ms: Int64(index)), 100, 1, .buy) }
            let state = script.state(at(10, 0, 5))
            #expect(state.tapeVelocityTPS == Double(trades) / 5)
            #expect(state.tapeVelocity == expected, "\(trades) trades")
        }
    }

    @Test func sentimentNeedsEnoughTradesAndUsesInclusiveThresholds() {
        var script = Script()
        for _ in 0..<4 { script.trade(at(10, 0, 1), 100, 100, .buy) }
        #expect(script.state(at(10, 0, 1)).tapeSentiment == .neutral)  // 4 < sentiment_min_trades
        script.trade(at(10, 0, 2), 100, 100, .sell)
        #expect(script.state(at(10, 0, 2)).tapeSentiment == .aggressiveBuying)  // 0.8

        var exact = Script()
        for size in [20, 20, 25] as [Int64] { exact.trade(at(10, 0, 1), 100, size, .buy) }
        for size in [20, 15] as [Int64] { exact.trade(at(10, 0, 1), 100, size, .sell) }
        #expect(exact.state(at(10, 0, 1)).tapeSentiment == .aggressiveBuying)  // 65 / 100 = 0.65

        var selling = Script()
        for size in [20, 15] as [Int64] { selling.trade(at(10, 0, 1), 100, size, .buy) }
        for size in [20, 20, 25] as [Int64] { selling.trade(at(10, 0, 1), 100, size, .sell) }
        #expect(selling.state(at(10, 0, 1)).tapeSentiment == .aggressiveSelling)  // 0.35
        selling.trade(at(10, 0, 2), 100, 1, .buy)
        #expect(selling.state(at(10, 0, 2)).tapeSentiment == .neutral)  // 36 / 101
    }

    @Test func largePrintsNewestFirstWithWholeSecondsAgo() {
        var script = Script()
        script.trade(at(10, 0, 0), 100.00, 300, .buy)
        script.trade(at(10, 0, 1), 100.01, 299, .buy)
        script.trade(at(10, 0, 2, ms: 500), 99.99, 1000, .sell)
        #expect(
            script.state(at(10, 0, 12, ms: 999)).largePrints1m == [
                LargePrint(price: usd(99.99), size: 1000, side: .sell, secsAgo: 10),
                LargePrint(price: usd(100.00), size: 300, side: .buy, secsAgo: 12),
            ])
        #expect(
            script.state(at(10, 1, 0)).largePrints1m == [
                LargePrint(price: usd(99.99), size: 1000, side: .sell, secsAgo: 57)
            ])
        #expect(script.state(at(10, 1, 2, ms: 500)).largePrints1m.isEmpty)
    }

    @Test func largePrintsKeepOnlyTheNewest() {
        var two = FeatureParameters()
        two.maxLargePrints = 2
        var script = Script(two)
        for (index, size) in ([400, 500, 600] as [Int64]).enumerated() {
            script.trade(at(10, 0, index), 100, size, .buy)
        }
        #expect(script.state(at(10, 0, 3)).largePrints1m.map(\.size) == [600, 500])
    }
}
