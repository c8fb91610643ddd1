import MarketData
import StateVector

/// The tape's trailing windows (FEATURES.md "Tape"): `TAPE_VELOCITY_TPS` and `TAPE_VELOCITY`,
/// `TAPE_DELTA_1S`, `TAPE_DELTA_5S` and `TAPE_SENTIMENT`. The four windows share one ring of
/// prints (kept while the longest window holds them), so a print is stored once and the ring's
/// uniqueness is checked once per call rather than per window.
struct TapeActivity: Sendable {
    private var prints = Ring<TapePrint>(capacity: 256)
    /// Sequence number of `prints.first`.
    private var base = 0
    private var velocity: WindowSums
    private var delta1s = WindowSums(length: WindowLength.nanos(seconds: 1))
    private var delta5s = WindowSums(length: WindowLength.nanos(seconds: 5))
    private var sentiment: WindowSums
    private let parameters: FeatureParameters

    init(parameters: FeatureParameters) {
        self.parameters = parameters
        velocity = WindowSums(length: WindowLength.nanos(seconds: parameters.velocityWindowSeconds))
        sentiment = WindowSums(length: WindowLength.nanos(seconds: parameters.sentimentWindowSeconds))
    }

    /// Adds a print; times must not go backwards.
    mutating func add(_ trade: ClassifiedTrade) {
        makeUnique()
        advance(to: trade.time.nanos)
        let print = TapePrint(time: trade.time.nanos, size: trade.size, side: trade.side)
        prints.append(print)
        velocity.add(print)
        delta1s.add(print)
        delta5s.add(print)
        sentiment.add(print)
    }

    /// Writes the tape fields as of `now` (windows (now − w, now]).
    mutating func read(at now: Timestamp, into state: inout MarketState) {
        makeUnique()
        advance(to: now.nanos)

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

    /// Moves every window to (now − w, now] and drops the prints none of them holds.
    @inline(__always)
    private mutating func advance(to now: Int64) {
        velocity.advance(to: now, prints: prints, base: base)
        delta1s.advance(to: now, prints: prints, base: base)
        delta5s.advance(to: now, prints: prints, base: base)
        sentiment.advance(to: now, prints: prints, base: base)
        let kept = min(velocity.first, delta1s.first, delta5s.first, sentiment.first)
        while base < kept {
            prints.removeFirst()
            base += 1
        }
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&prints) { prints = prints.copy() }
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
