import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct AbsorptionDetectorTests {
    private static func parameters(x: Double = 3, refill: Double = 0.5) -> FeatureParameters {
        var parameters = FeatureParameters()
        parameters.absorptionWindowSeconds = 10
        parameters.absorptionMinVolume = 500
        parameters.absorptionX = x
        parameters.absorptionRefill = refill
        return parameters
    }

    /// The bid at 100.00 shows 200, 150, 200, 180 shares (for 2, 2, 2 and 4 s: a time-weighted
    /// mean of 182 over (10:00:00, 10:00:10]) while sellers hit it for 150 + 200 + 200 = 550.
    private static func bidScript(_ parameters: FeatureParameters) -> Script {
        var script = Script(parameters)
        script.book(at(10, 0, 0), bids: [(100.00, 200), (99.99, 500)], asks: [(100.01, 150)])
        script.trade(at(10, 0, 2), 100.00, 150, .sell)
        script.level(at(10, 0, 2), .bid, 100.00, 150)
        script.trade(at(10, 0, 4), 100.00, 200, .sell)
        script.level(at(10, 0, 4), .bid, 100.00, 200)
        script.trade(at(10, 0, 6), 100.00, 200, .sell)
        script.level(at(10, 0, 6), .bid, 100.00, 180)
        script.trade(at(10, 0, 7), 99.99, 5000, .sell)  // not at the level: does not count
        return script
    }

    @Test func detectedAtTheBidThatKeepsRefilling() {
        var script = Self.bidScript(Self.parameters())
        let state = script.state(at(10, 0, 10))
        #expect(state.absorptionDetected)
        #expect(state.absorptionSide == .bid)
        #expect(state.absorptionPrice == usd(100.00))
    }

    @Test func absentWhileTheWindowReachesBeforeTheFirstRow() {
        var script = Self.bidScript(Self.parameters())
        let state = script.state(at(10, 0, 9, ms: 999))
        #expect(!state.absorptionDetected && state.absorptionSide == nil && state.absorptionPrice == nil)
    }

    @Test func absentWhenVolumeIsShortOfXTimesTheMeanSize() {
        var script = Self.bidScript(Self.parameters(x: 3.03))  // 3.03 × 182 = 551.46 > 550
        #expect(!script.state(at(10, 0, 10)).absorptionDetected)
        var just = Self.bidScript(Self.parameters(x: 3.0219))  // 549.99 <= 550
        #expect(just.state(at(10, 0, 10)).absorptionDetected)
    }

    @Test func absentWhenTheLevelWasNotRefilled() {
        var script = Self.bidScript(Self.parameters(refill: 0.76))  // 150 < 0.76 × 200
        #expect(!script.state(at(10, 0, 10)).absorptionDetected)
        var exact = Self.bidScript(Self.parameters(refill: 0.75))  // 150 >= 0.75 × 200
        #expect(exact.state(at(10, 0, 10)).absorptionDetected)
    }

    @Test func absentWhenTheLevelBrokeInTheWindow() {
        var script = Self.bidScript(Self.parameters())
        // A better bid for one row, gone again at once: 100.00 was not best in every row.
        script.level(at(10, 0, 8), .bid, 100.005, 10)
        script.level(at(10, 0, 8), .bid, 100.005, 0)
        #expect(!script.state(at(10, 0, 10)).absorptionDetected)
        #expect(!script.state(at(10, 0, 18)).absorptionDetected)  // 10 s later: too little volume since
    }

    @Test func theSideWithTheLaterPrintWins() {
        var script = Self.bidScript(Self.parameters())
        // The ask at 100.01 (150 shares) is lifted 3 × 200 and refilled to 150 each time.
        for second in [3, 5, 8] {
            script.trade(at(10, 0, second), 100.01, 200, .buy)
            script.level(at(10, 0, second), .ask, 100.01, 150)
        }
        let state = script.state(at(10, 0, 10))
        #expect(state.absorptionSide == .ask && state.absorptionPrice == usd(100.01))
    }

    @Test func defaultsNeedTwoThousandShares() {
        var script = Self.bidScript(FeatureParameters())
        #expect(!script.state(at(10, 0, 10)).absorptionDetected)
    }

    @Test func trackerMeanMinAndMax() throws {
        var tracker = BestLevelTracker(windowSeconds: 10)
        tracker.observe(BookLevel(price: usd(100), size: 200), at: at(10, 0, 0))
        tracker.observe(BookLevel(price: usd(100), size: 150), at: at(10, 0, 2))
        tracker.observe(BookLevel(price: usd(100), size: 200), at: at(10, 0, 4))
        tracker.observe(BookLevel(price: usd(100), size: 180), at: at(10, 0, 6))
        let first = tracker.window(at: at(10, 0, 10))
        let window = try #require(first)
        #expect(abs(window.meanSize - 182) < 1e-9)
        #expect(window.minSize == 150 && window.maxSize == 200)
        // (10:00:03, 10:00:13]: 150 for 1 s, 200 for 2 s, 180 for 7 s: 181.
        let second = tracker.window(at: at(10, 0, 13))
        let later = try #require(second)
        #expect(abs(later.meanSize - 181) < 1e-9)
        // (10:00:06, 10:00:16]: only the 180 row is left (in force at 10:00:06).
        let third = tracker.window(at: at(10, 0, 16))
        let last = try #require(third)
        #expect(last.minSize == 180 && last.maxSize == 180 && abs(last.meanSize - 180) < 1e-9)
    }
}
