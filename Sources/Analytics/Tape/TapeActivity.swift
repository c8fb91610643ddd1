import MarketData
import StateVector

/// The tape's trailing windows (FEATURES.md "Tape"): `TAPE_VELOCITY_TPS` and `TAPE_VELOCITY`,
/// `TAPE_DELTA_1S`, `TAPE_DELTA_5S` and `TAPE_SENTIMENT`.
struct TapeActivity: Sendable {
    private var velocity: RollingTradeWindow
    private var delta1s = RollingTradeWindow(seconds: 1)
    private var delta5s = RollingTradeWindow(seconds: 5)
    private var sentiment: RollingTradeWindow
    private let parameters: FeatureParameters

    init(parameters: FeatureParameters) {
        self.parameters = parameters
        velocity = RollingTradeWindow(seconds: parameters.velocityWindowSeconds)
        sentiment = RollingTradeWindow(seconds: parameters.sentimentWindowSeconds)
    }

    mutating func add(_ trade: ClassifiedTrade) {
        velocity.add(trade)
        delta1s.add(trade)
        delta5s.add(trade)
        sentiment.add(trade)
    }

    /// Writes the tape fields as of `now` (windows (now − w, now]).
    mutating func read(at now: Timestamp, into state: inout MarketState) {
        velocity.advance(to: now)
        delta1s.advance(to: now)
        delta5s.advance(to: now)
        sentiment.advance(to: now)

        // Always over the full window (Settled detail 15), even early in the session.
        let tps = Double(velocity.count) / (Double(velocity.length) / Double(Timestamp.nanosPerSecond))
        state.tapeVelocityTPS = tps
        state.tapeVelocity = tps < parameters.velocityLow ? .low : tps > parameters.velocityHigh ? .high : .medium
        state.tapeDelta1s = delta1s.delta
        state.tapeDelta5s = delta5s.delta
        state.tapeSentiment = Self.sentiment(
            buyVolume: sentiment.buyVolume, sellVolume: sentiment.sellVolume, trades: sentiment.count,
            parameters: parameters)
    }

    static func sentiment(buyVolume: Int64, sellVolume: Int64, trades: Int, parameters: FeatureParameters)
        -> TapeSentiment
    {
        let volume = buyVolume + sellVolume
        guard trades >= parameters.sentimentMinTrades, volume > 0 else { return .neutral }
        let buyShare = Double(buyVolume) / Double(volume)
        if buyShare >= parameters.sentimentBuy { return .aggressiveBuying }
        if buyShare <= parameters.sentimentSell { return .aggressiveSelling }
        return .neutral
    }
}
