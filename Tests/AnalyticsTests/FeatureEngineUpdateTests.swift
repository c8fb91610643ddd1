import Foundation
import MarketData
import StateVector
import Testing

@testable import Analytics

/// `FeatureEngine.update(_:at:)` refreshes one state in place every tick, as the agent's loop
/// does: it must give exactly the state `marketState(at:)` builds afresh, whatever the reused
/// state held before (walls that vanished, a value area not yet formed, prints that aged out).
@Suite struct FeatureEngineUpdateTests {
    @Test func aStateRefreshedInPlaceEqualsAFreshOneAtEveryTick() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz").path
        let source = try ReplaySource.open(path: path)
        var engine = FeatureEngine(symbol: source.symbol)
        // Starts full of values the first refresh must clear.
        var reused = MarketState()
        reused.vpPOC = Price(raw: 1)
        reused.domWalls = [DomWall(side: .ask, price: Price(raw: 2), size: 3, tier: .major)]
        reused.absorptionDetected = true
        var tick = Timestamp(hours: 9, minutes: 30, seconds: 0)
        let end = Timestamp(hours: 10, minutes: 0, seconds: 0)
        var compared = 0
        var withWalls = 0
        var withPrints = 0
        while let event = try source.next(), tick < end {
            while tick < event.time, tick < end {
                engine.update(&reused, at: tick)
                let fresh = engine.marketState(at: tick)
                if reused != fresh {
                    Issue.record("at \(tick.clock) the refreshed state differs from a fresh one")
                    return
                }
                compared += 1
                if !fresh.domWalls.isEmpty { withWalls += 1 }
                if !fresh.largePrints1m.isEmpty { withPrints += 1 }
                tick = tick + .milliseconds(200)
            }
            engine.apply(event)
        }
        #expect(compared == 9_000)
        // The half hour must exercise the arrays that keep their storage, both full and empty.
        #expect(withWalls > 0 && withWalls < compared)
        #expect(withPrints > 0 && withPrints < compared)
    }
}
