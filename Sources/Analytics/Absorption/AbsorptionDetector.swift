import MarketData
import StateVector

/// `ABSORPTION_DETECTED`, `ABSORPTION_SIDE`, `ABSORPTION_PRICE` (FEATURES.md "Absorption",
/// Settled detail 13). At the best bid p (the best ask likewise), over (t − w, t]: seller-initiated
/// volume at p >= `absorption_min_volume` and >= `absorption_x` × p's time-weighted mean displayed
/// size, p best in every row of the window, and p's smallest size >= `absorption_refill` × its
/// largest. When both sides qualify the side with the later print wins.
struct AbsorptionDetector: Sendable {
    private struct Hit: Sendable {
        var time: Int64
        var price: Price
        var size: Int64
        var sequence: Int
    }

    private var bid: BestLevelTracker
    private var ask: BestLevelTracker
    // `Ring`s, copied together by `makeUnique` once per call when another value shares them.
    /// Seller-initiated prints (they hit the bid side).
    private var sells = Ring<Hit>(capacity: 256)
    /// Buyer-initiated prints (they lift the ask side).
    private var buys = Ring<Hit>(capacity: 256)
    private var sequence = 0
    private let parameters: FeatureParameters

    init(parameters: FeatureParameters) {
        self.parameters = parameters
        bid = BestLevelTracker(windowSeconds: parameters.absorptionWindowSeconds)
        ask = BestLevelTracker(windowSeconds: parameters.absorptionWindowSeconds)
    }

    /// Records the best levels after a row (a batch end).
    @inline(__always)
    mutating func observe(bestBid: BookLevel?, bestAsk: BookLevel?, at time: Timestamp) {
        bid.observe(bestBid, at: time)
        ask.observe(bestAsk, at: time)
    }

    mutating func add(_ trade: ClassifiedTrade) {
        sequence += 1
        let hit = Hit(time: trade.time.nanos, price: trade.price, size: trade.size, sequence: sequence)
        makeUnique()
        if trade.side == .sell {
            sells.append(hit)
            Self.evict(sells, before: trade.time.nanos - bid.window)
        } else {
            buys.append(hit)
            Self.evict(buys, before: trade.time.nanos - ask.window)
        }
    }

    mutating func read(at now: Timestamp, into state: inout MarketState) {
        let cutoff = now.nanos - bid.window
        makeUnique()
        Self.evict(sells, before: cutoff)
        Self.evict(buys, before: cutoff)
        let bidHit = Self.absorbing(bid.window(at: now), hits: sells, parameters)
        let askHit = Self.absorbing(ask.window(at: now), hits: buys, parameters)
        let winner: (side: QuoteSide, price: Price)?
        switch (bidHit, askHit) {
        case (let bidLevel?, let askLevel?):
            winner = bidLevel.latest > askLevel.latest ? (.bid, bidLevel.price) : (.ask, askLevel.price)
        case (let bidLevel?, nil): winner = (.bid, bidLevel.price)
        case (nil, let askLevel?): winner = (.ask, askLevel.price)
        case (nil, nil): winner = nil
        }
        state.absorptionDetected = winner != nil
        state.absorptionSide = winner?.side
        state.absorptionPrice = winner?.price
    }

    /// The absorbing level and the sequence number of its latest print, or nil.
    private static func absorbing(
        _ window: BestLevelTracker.Window?, hits: Ring<Hit>, _ parameters: FeatureParameters
    ) -> (price: Price, latest: Int)? {
        guard let window else { return nil }
        var volume: Int64 = 0
        var latest = 0
        for index in 0..<hits.count where hits[index].price == window.price {
            volume += hits[index].size
            latest = hits[index].sequence
        }
        guard volume > 0, volume >= parameters.absorptionMinVolume,
            Double(volume) >= parameters.absorptionX * window.meanSize,
            Double(window.minSize) >= parameters.absorptionRefill * Double(window.maxSize)
        else { return nil }
        return (window.price, latest)
    }

    private static func evict(_ hits: Ring<Hit>, before cutoff: Int64) {
        while let oldest = hits.first, oldest.time <= cutoff { hits.removeFirst() }
    }

    @inline(__always)
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&sells) else { return }
        sells = sells.copy()
        buys = buys.copy()
    }
}
