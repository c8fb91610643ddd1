import Foundation
import MarketData
import StateVector
import Testing

@testable import Analytics

/// The engine on real data: the day's running levels against an independent reading of the raw
/// messages, and the state pinned at fixed moments (values checked by hand against the CSV).
@Suite struct ReplayTests {
    /// Replays `path`, taking the state at each of `moments` (ascending) before the first event
    /// after it, and at the end of the data.
    private static func states(_ path: String, at moments: [Timestamp]) throws -> (
        states: [MarketState], end: MarketState
    ) {
        let source = try ReplaySource.open(path: path)
        var engine = FeatureEngine(symbol: source.symbol)
        var states: [MarketState] = []
        var pending = moments[...]
        while let event = try source.next() {
            while let moment = pending.first, moment < event.time {
                states.append(engine.marketState(at: moment))
                pending = pending.dropFirst()
            }
            engine.apply(event)
        }
        for moment in pending { states.append(engine.marketState(at: moment)) }
        let end = engine.marketState(at: engine.lastEventTime ?? Timestamp(nanos: 0))
        return (states, end)
    }

    private static func checkLevels(_ path: String) throws {
        let executions = try RawMessages.executions(path)
        try #require(executions.count > 1000)
        let moments = stride(from: 0, through: 13, by: 1).map {
            at(9, 30, 0).nanos + Int64($0) * 1800 * Timestamp.nanosPerSecond
        }
        .map(Timestamp.init(nanos:))
        let replay = try states(path, at: moments)
        for (moment, state) in zip(moments, replay.states) {
            #expect(RawLevels(state) == RawLevels(executions, through: moment.nanos), "at \(moment)")
        }
        #expect(RawLevels(replay.end) == RawLevels(executions, through: .max))
    }

    @Test func googLevelsMatchTheRawMessages() throws {
        try Self.checkLevels(RawMessages.googSample)
    }

    @Test(.enabled(if: RawMessages.aaplAvailable, "../shared/data/lobster AAPL level-1 file absent"))
    func aaplLevelsMatchTheRawMessages() throws {
        try Self.checkLevels(RawMessages.aaplShared)
    }

    @Test func googStatesArePinned() throws {
        let replay = try Self.states(
            RawMessages.googSample, at: [at(10, 15, 42, ms: 123), at(12, 0, 0), at(15, 59, 59)])
        let morning = replay.states[0]
        #expect(morning.last == usd(575.64) && morning.hod == usd(579.73) && morning.lod == usd(574.00))
        #expect(morning.vwap == usd(576.4037) && morning.cvdSession == -9598 && morning.timeSession == .morning)
        #expect(abs(morning.cvdSlope5m - 0.466908) < 1e-6 && morning.cvdTrend == .rising)
        #expect(morning.vpPOC == usd(577.22) && morning.vpVAH == usd(579.73) && morning.vpVAL == usd(575.62))
        #expect(morning.vpDevelopingPOC == usd(575.60) && morning.priceVsPOC == .below)
        #expect(morning.footprint.volume == 647 && morning.footprint.delta == 549)
        #expect(morning.hodLodLoc == .nearLOD && morning.spread == usd(0.39))
        #expect(abs((morning.l2Imbalance ?? 0) - 0.6705) < 1e-4)

        let noon = replay.states[1]
        #expect(noon.last == usd(572.87) && noon.vwap == usd(574.6816) && noon.cvdSession == -6795)
        #expect(noon.vpPOC == usd(572.00) && noon.vpVAH == usd(575.92) && noon.vpVAL == usd(571.86))
        #expect(noon.footprint == FootprintBar() && noon.tapeVelocityTPS == 0 && noon.largePrints1m.isEmpty)
        #expect(noon.domWalls == [DomWall(side: .bid, price: usd(572.87), size: 482, tier: .minor)])
        #expect(
            noon.bidStack.map(\.size) == [482, 20, 34]
                && noon.askStack.first == StackLevel(price: usd(573.00), size: 68))

        let close = replay.states[2]
        #expect(close.timeSession == .close && close.last == usd(565.35) && close.vwap == usd(569.4399))
        #expect(close.tapeDelta1s == -1030 && close.tapeDelta5s == 1524 && close.tapeVelocityTPS == 11.2)
        #expect(close.tapeVelocity == .medium && close.tapeSentiment == .aggressiveBuying)
        #expect(close.largePrints1m.count == 7)
        #expect(close.largePrints1m.first == LargePrint(price: usd(565.23), size: 308, side: .sell, secsAgo: 0))
        #expect(close.largePrints1m.last == LargePrint(price: usd(564.90), size: 400, side: .sell, secsAgo: 41))
        let bar = close.footprint
        #expect(
            bar.open == usd(564.87) && bar.high == usd(565.55) && bar.low == usd(564.85) && bar.close == usd(565.35))
        #expect(bar.volume == 25029 && bar.delta == 6005 && bar.poc == usd(565.34) && bar.imbalances.count == 38)
        #expect(
            bar.imbalances.contains(
                FootprintImbalance(price: usd(565.34), bidVol: 283, askVol: 2982, ratio: 2982.0 / 283.0)))
        #expect(
            close.domWalls == [
                DomWall(side: .ask, price: usd(565.65), size: 1800, tier: .minor),
                DomWall(side: .ask, price: usd(565.70), size: 1800, tier: .minor),
            ])
        #expect(close.vpPOC == usd(572.00) && close.vpVAL == usd(565.48) && close.vpDevelopingPOC == usd(564.51))
        #expect(close.hod == usd(579.73) && close.lod == usd(563.73) && close.hodLodLoc == .nearLOD)
        #expect(!close.absorptionDetected)

        // The exact JSON the prompt would see at noon.
        let json = StateVectorEncoder.encodeMarket(StateVector(market: noon), style: .compact)
        #expect(json.contains("\"CVD_SESSION\":-6795,\"CVD_TREND\":\"RISING\",\"CVD_SLOPE_5M\":0.23"))
        #expect(
            json.contains("\"HOD\":579.73,\"LOD\":571.40,\"HOD_LOD_LOC\":\"NEAR_LOD\",\"DISTANCE_TO_HOD_PCT\":1.20"))
    }
}
