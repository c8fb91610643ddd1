import MarketData
import StateVector
import Testing

@testable import Analytics

@Suite struct DepthAnalyzerTests {
    @Test func imbalanceSumsTheTopLevels() throws {
        var script = Script()
        script.book(at(10, 0, 0), bids: [(100.00, 100), (99.99, 200)], asks: [(100.01, 150), (100.02, 50)])
        #expect(script.state(at(10, 0, 0)).l2Imbalance == 1.5)

        var oneLevel = FeatureParameters()
        oneLevel.imbalanceLevels = 1
        var shallow = Script(oneLevel)
        shallow.book(at(10, 0, 0), bids: [(100.00, 100), (99.99, 200)], asks: [(100.01, 150), (100.02, 50)])
        let ratio = try #require(shallow.state(at(10, 0, 0)).l2Imbalance)
        #expect(abs(ratio - 100.0 / 150.0) < 1e-12)
    }

    @Test func imbalanceUsesTheLevelsThatExist() {
        var script = Script()  // imbalance_levels 5, the book has 2 and 1
        script.book(at(10, 0, 0), bids: [(100.00, 300), (99.99, 300)], asks: [(100.01, 200)])
        #expect(script.state(at(10, 0, 0)).l2Imbalance == 3.0)
    }

    @Test func imbalanceIs99WithNoAsksAndNullWithNothing() {
        var script = Script()
        script.book(at(10, 0, 0), bids: [(100.00, 300)], asks: [])
        #expect(script.state(at(10, 0, 0)).l2Imbalance == 99.0)
        #expect(script.state(at(10, 0, 0)).spread == nil)
        script.book(at(10, 0, 1), bids: [], asks: [])
        #expect(script.state(at(10, 0, 1)).l2Imbalance == nil)
        script.book(at(10, 0, 2), bids: [], asks: [(100.01, 10)])
        #expect(script.state(at(10, 0, 2)).l2Imbalance == 0.0)
    }

    @Test func stacksAndSpread() {
        var script = Script()
        script.book(
            at(10, 0, 0), bids: [(245.48, 150), (245.46, 200), (245.44, 180), (245.42, 99)],
            asks: [(245.50, 120), (245.52, 180)])
        let state = script.state(at(10, 0, 0))
        #expect(state.spread == usd(0.02))
        #expect(
            state.bidStack == [
                StackLevel(price: usd(245.48), size: 150), StackLevel(price: usd(245.46), size: 200),
                StackLevel(price: usd(245.44), size: 180),
            ])
        #expect(
            state.askStack == [StackLevel(price: usd(245.50), size: 120), StackLevel(price: usd(245.52), size: 180)])
    }

    @Test func wallThresholdIsStrict() {
        var script = Script()
        // Bids: 900 is exactly 3 × the mean (1200 / 4): no wall. Asks: 901 > 3 × 300.25.
        script.book(
            at(10, 0, 0), bids: [(100.00, 100), (99.99, 100), (99.98, 100), (99.97, 900)],
            asks: [(100.01, 100), (100.02, 100), (100.03, 100), (100.04, 901)])
        #expect(
            script.state(at(10, 0, 0)).domWalls == [DomWall(side: .ask, price: usd(100.04), size: 901, tier: .minor)])
    }

    @Test func majorTierIsStrictToo() {
        var script = Script()
        let plain: [(Double, Int64)] = (1...9).map { (index: Int) -> (Double, Int64) in
            (100.00 - Double(index) / 100, 100)
        }
        let plainAsks: [(Double, Int64)] = plain.map { (level: (Double, Int64)) -> (Double, Int64) in
            (200.01 - level.0, level.1)
        }
        // 900 vs 5 × mean (1800 / 10 = 180): exactly 5× is MINOR; 901 vs 5 × 180.1 is MAJOR.
        script.book(at(10, 0, 0), bids: [(100.00, 900)] + plain, asks: [(100.01, 901)] + plainAsks)
        let walls = script.state(at(10, 0, 0)).domWalls
        #expect(walls.contains(DomWall(side: .bid, price: usd(100.00), size: 900, tier: .minor)))
        #expect(walls.contains(DomWall(side: .ask, price: usd(100.01), size: 901, tier: .major)))
    }

    @Test func fiveLevelsCanNeverShowAMajorWall() {
        var script = Script()
        script.book(
            at(10, 0, 0), bids: [(100.00, 1), (99.99, 1), (99.98, 1), (99.97, 1), (99.96, 1_000_000)],
            asks: [(100.01, 5)])
        #expect(script.state(at(10, 0, 0)).domWalls.map(\.tier) == [.minor])
    }

    @Test func wallsOrderByDistanceAskFirstOnATie() {
        var script = Script()
        let bids: [(Double, Int64)] = (0..<10).map { (index: Int) -> (Double, Int64) in
            (100.00 - Double(index) / 100, index == 5 ? 1000 : 100)
        }
        let asks: [(Double, Int64)] = (0..<10).map { (index: Int) -> (Double, Int64) in
            (100.01 + Double(index) / 100, index == 4 ? 1000 : 100)
        }
        script.book(at(10, 0, 0), bids: bids, asks: asks)
        let bidWall = DomWall(side: .bid, price: usd(99.95), size: 1000, tier: .major)
        let askWall = DomWall(side: .ask, price: usd(100.05), size: 1000, tier: .major)
        // Before any print the mid (100.005) stands in for LAST: the ask is 4.5 cents away, the bid 5.5.
        #expect(script.state(at(10, 0, 0)).domWalls == [askWall, bidWall])
        script.trade(at(10, 0, 1), 100.00, 10, .sell)  // LAST 100.00: both 5 cents away, ASK first
        #expect(script.state(at(10, 0, 1)).domWalls == [askWall, bidWall])
        script.trade(at(10, 0, 2), 99.99, 10, .sell)  // LAST 99.99: the bid is nearer
        #expect(script.state(at(10, 0, 2)).domWalls == [bidWall, askWall])

        var one = FeatureParameters()
        one.maxWalls = 1
        var limited = Script(one)
        limited.book(at(10, 0, 0), bids: bids, asks: asks)
        #expect(limited.state(at(10, 0, 0)).domWalls == [askWall])
    }

    @Test func wallsOnlyWithinWallLevels() {
        var three = FeatureParameters()
        three.wallLevels = 3
        var script = Script(three)
        script.book(at(10, 0, 0), bids: [(100.00, 10), (99.99, 10), (99.98, 10), (99.97, 5000)], asks: [(100.01, 10)])
        #expect(script.state(at(10, 0, 0)).domWalls.isEmpty)
    }
}
