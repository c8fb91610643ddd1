import MarketData
import StateVector

@testable import Analytics

/// A session time on 2012-06-21's clock.
func at(_ hours: Int, _ minutes: Int, _ seconds: Int, ms: Int64 = 0) -> Timestamp {
    Timestamp(hours: hours, minutes: minutes, seconds: seconds, nanos: ms * Timestamp.nanosPerMillisecond)
}

/// Dollars to a fixed-point price (test literals only).
func usd(_ dollars: Double) -> Price { Price(rounding: dollars) ?? .zero }

/// Feeds a `FeatureEngine` hand-written events.
struct Script {
    var engine: FeatureEngine

    init(_ parameters: FeatureParameters = FeatureParameters(), adv: Int64? = nil) {
        engine = FeatureEngine(symbol: "TEST", parameters: parameters, averageDailyVolume: adv)
    }

    /// Replaces the whole book in one batch (a reset, then every level).
    mutating func book(_ time: Timestamp, bids: [(Double, Int64)], asks: [(Double, Int64)]) {
        engine.apply(TimedEvent(time: time, event: .bookReset, endsBatch: false))
        let updates =
            bids.map { DepthUpdate(side: .bid, price: usd($0.0), size: $0.1, operation: .insert) }
            + asks.map { DepthUpdate(side: .ask, price: usd($0.0), size: $0.1, operation: .insert) }
        for (index, update) in updates.enumerated() {
            engine.apply(TimedEvent(time: time, event: .depth(update), endsBatch: index == updates.count - 1))
        }
        if updates.isEmpty { engine.apply(TimedEvent(time: time, event: .bookReset)) }
    }

    /// Sets one level's size (0 deletes it) as its own batch.
    mutating func level(_ time: Timestamp, _ side: BookSide, _ price: Double, _ size: Int64) {
        let operation: DepthOperation = size == 0 ? .delete : .update
        engine.apply(
            TimedEvent(
                time: time, event: .depth(DepthUpdate(side: side, price: usd(price), size: size, operation: operation)))
        )
    }

    mutating func trade(
        _ time: Timestamp, _ price: Double, _ size: Int64, _ aggressor: Aggressor, setsLast: Bool = true
    ) {
        engine.apply(
            TimedEvent(
                time: time,
                event: .trade(Trade(price: usd(price), size: size, aggressor: aggressor, setsLast: setsLast))))
    }

    mutating func state(_ time: Timestamp) -> MarketState { engine.marketState(at: time) }
}
