import MarketData
import StateVector

/// `FOOTPRINT_CURR_BAR`: the current clock-aligned bar of `bar_seconds` (aligned to midnight, so
/// 60 s bars start on each minute): OHLC of prints that set the last price, volume and delta of
/// every print, and bid/ask volume per traded price for the POC and the imbalances. A new bar
/// reuses the storage of the previous one.
struct FootprintBarBuilder: Sendable {
    struct Level: Hashable, Sendable {
        var price: Price
        /// Buyer-initiated volume at the price.
        var askVolume: Int64
        /// Seller-initiated volume at the price.
        var bidVolume: Int64
        var total: Int64 { askVolume + bidVolume }
    }

    private let barLength: Int64
    private let parameters: FeatureParameters
    private var barIndex: Int64?
    private var open: Price?
    private var high: Price?
    private var low: Price?
    private var close: Price?
    private var volume: Int64 = 0
    private var delta: Int64 = 0
    /// Ascending by price.
    private var levels: [Level] = []
    /// The last bar built, valid until the next print: a state is built 5 times a second and most
    /// of those see no new print.
    private var cached: FootprintBar?

    init(parameters: FeatureParameters) {
        self.parameters = parameters
        barLength = WindowLength.nanos(seconds: parameters.barSeconds)
        levels.reserveCapacity(64)
    }

    mutating func add(_ trade: ClassifiedTrade) {
        let index = Self.floorDivide(trade.time.nanos, barLength)
        if index != barIndex { startBar(index) }
        cached = nil
        volume += trade.size
        delta += trade.signedSize
        if trade.setsLast {
            if open == nil { open = trade.price }
            high = max(high ?? trade.price, trade.price)
            low = min(low ?? trade.price, trade.price)
            close = trade.price
        }
        let position = Self.search(levels, trade.price)
        if position.found {
            // Selects rather than branches: the side is a coin toss to the branch predictor.
            let bought = trade.side == .buy ? trade.size : 0
            levels[position.index].askVolume += bought
            levels[position.index].bidVolume += trade.size - bought
        } else {
            let ask = trade.side == .buy ? trade.size : 0
            levels.insert(Level(price: trade.price, askVolume: ask, bidVolume: trade.size - ask), at: position.index)
        }
    }

    /// The bar containing `now`: empty (Settled detail 8) when no print has fallen in it yet.
    mutating func bar(at now: Timestamp) -> FootprintBar {
        var bar = FootprintBar()
        guard let barIndex, barIndex == Self.floorDivide(now.nanos, barLength) else { return bar }
        if let cached { return cached }
        bar.open = open
        bar.high = high
        bar.low = low
        bar.close = close
        bar.volume = volume
        bar.delta = delta
        if volume > 0 { bar.deltaPct = Double(delta) / Double(volume) * 100 }
        bar.poc = Self.pointOfControl(levels, close: close)
        bar.imbalances = Self.imbalances(levels, parameters: parameters)
        cached = bar
        return bar
    }

    private mutating func startBar(_ index: Int64) {
        barIndex = index
        open = nil
        high = nil
        low = nil
        close = nil
        volume = 0
        delta = 0
        levels.removeAll(keepingCapacity: true)
    }

    /// The price with the most volume; a tie goes to the price nearest `close`, then the lower.
    static func pointOfControl(_ levels: [Level], close: Price?) -> Price? {
        var best: Level?
        for level in levels {
            guard let current = best else {
                best = level
                continue
            }
            if level.total > current.total {
                best = level
            } else if level.total == current.total, let close,
                (level.price.raw - close.raw).magnitude < (current.price.raw - close.raw).magnitude
            {
                best = level  // ascending order: on an equal distance the lower one stays
            }
        }
        return best?.price
    }

    /// The imbalances of FEATURES.md (Settled detail 9), by ascending price. Diagonal compares
    /// ask volume at p with bid volume one tick below; horizontal compares both at p.
    static func imbalances(_ levels: [Level], parameters: FeatureParameters) -> [FootprintImbalance] {
        var result: [FootprintImbalance] = []
        for level in levels {
            let askVolume = level.askVolume
            let bidVolume: Int64
            switch parameters.footprintMode {
            case .horizontal:
                bidVolume = level.bidVolume
            case .diagonal:
                let below = search(levels, level.price - tick(at: level.price))
                bidVolume = below.found ? levels[below.index].bidVolume : 0
            }
            guard askVolume + bidVolume >= parameters.imbalanceMinVolume else { continue }
            let larger = max(askVolume, bidVolume)
            let smaller = max(min(askVolume, bidVolume), 1)
            guard Double(larger) >= parameters.imbalanceRatio * Double(smaller) else { continue }
            let ratio = Double(askVolume) / Double(max(bidVolume, 1))
            result.append(FootprintImbalance(price: level.price, bidVol: bidVolume, askVol: askVolume, ratio: ratio))
        }
        return result
    }

    /// One tick below `price`: a cent at $1.00 and above, $0.0001 below (Reg NMS rule 612).
    static func tick(at price: Price) -> Price {
        price.raw >= Price.scale ? .cent : Price(raw: 1)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    private static func search(_ levels: [Level], _ price: Price) -> (found: Bool, index: Int) {
        var lowIndex = 0
        var highIndex = levels.count
        while lowIndex < highIndex {
            let middle = (lowIndex + highIndex) / 2
            let candidate = levels[middle].price
            if candidate == price { return (true, middle) }
            if candidate < price { lowIndex = middle + 1 } else { highIndex = middle }
        }
        return (false, lowIndex)
    }
}
