import MarketData
import StateVector

/// The Level 2 fields (FEATURES.md "Level 2"): imbalance, walls and stacks. They read only the
/// current book, so they are computed when a state is built, in O(levels), with no history.
enum DepthAnalyzer {
    /// `L2_IMBALANCE`: bid size over ask size across the top `levels` of each side (fewer when the
    /// book is shallower); 99 when only the ask side is empty; nil when both sums are 0.
    static func imbalance(_ book: OrderBook, levels: Int) -> Double? {
        let bidSum = sum(book.bids, levels)
        let askSum = sum(book.asks, levels)
        if askSum == 0 { return bidSum == 0 ? nil : 99.0 }
        return bidSum / askSum
    }

    /// `SPREAD`: best ask minus best bid; nil when a side is empty (or for prices so absurd that the
    /// difference does not fit).
    static func spread(_ book: OrderBook) -> Price? {
        guard let bid = book.bestBid, let ask = book.bestAsk else { return nil }
        let (difference, overflow) = ask.price.raw.subtractingReportingOverflow(bid.price.raw)
        return overflow ? nil : Price(raw: difference)
    }

    /// `BID_STACK` / `ASK_STACK`: the top `count` levels, best first.
    static func stack(_ levels: [BookLevel], count: Int) -> [StackLevel] {
        var result: [StackLevel] = []
        stack(levels, count: count, into: &result)
        return result
    }

    /// `stack(_:count:)` written over `stack`, reusing its storage.
    static func stack(_ levels: [BookLevel], count: Int, into stack: inout [StackLevel]) {
        stack.removeAll(keepingCapacity: true)
        for level in levels.prefix(max(0, count)) { stack.append(StackLevel(price: level.price, size: level.size)) }
    }

    /// `DOM_WALLS` (Settled detail 7): within each side's top `wall_levels` occupied levels, a level
    /// larger than `wall_minor_x` × the side's mean size (itself included) is a wall, MAJOR when
    /// larger than `wall_major_x` × the mean. Ordered by distance to `reference` (LAST, or the mid
    /// before the first print), ASK first on a tie, then the higher price; at most `max_walls`.
    static func walls(_ book: OrderBook, last: Price?, parameters: FeatureParameters) -> [DomWall] {
        var walls: [DomWall] = []
        self.walls(book, last: last, parameters: parameters, into: &walls)
        return walls
    }

    /// `walls(_:last:parameters:)` written over `walls`, reusing its storage.
    static func walls(_ book: OrderBook, last: Price?, parameters: FeatureParameters, into walls: inout [DomWall]) {
        walls.removeAll(keepingCapacity: true)
        guard parameters.maxWalls > 0 else { return }
        collectWalls(book.bids, side: .bid, parameters, into: &walls)
        collectWalls(book.asks, side: .ask, parameters, into: &walls)
        guard !walls.isEmpty, let doubledReference = doubledReference(book, last: last) else { return }
        // In Double: exact for every real price (below 2^52), and no overflow on a damaged one.
        walls.sort { left, right in
            let leftDistance = abs(2 * Double(left.price.raw) - doubledReference)
            let rightDistance = abs(2 * Double(right.price.raw) - doubledReference)
            if leftDistance != rightDistance { return leftDistance < rightDistance }
            if left.side != right.side { return left.side == .ask }
            return left.price > right.price
        }
        if walls.count > parameters.maxWalls { walls.removeLast(walls.count - parameters.maxWalls) }
    }

    /// Twice the price walls are measured from, so a mid of two prices stays an exact integer.
    private static func doubledReference(_ book: OrderBook, last: Price?) -> Double? {
        if let last { return 2 * Double(last.raw) }
        switch (book.bestBid, book.bestAsk) {
        case (let bid?, let ask?): return Double(bid.price.raw) + Double(ask.price.raw)
        case (let bid?, nil): return 2 * Double(bid.price.raw)
        case (nil, let ask?): return 2 * Double(ask.price.raw)
        case (nil, nil): return nil
        }
    }

    private static func collectWalls(
        _ levels: [BookLevel], side: QuoteSide, _ parameters: FeatureParameters, into walls: inout [DomWall]
    ) {
        let window = levels.prefix(max(0, parameters.wallLevels))
        guard !window.isEmpty else { return }
        let count = Double(window.count)
        let total = window.reduce(0.0) { $0 + Double($1.size) }
        // size > x × (total / count), multiplied through by count to stay exact for integers.
        for level in window where Double(level.size) * count > parameters.wallMinorX * total {
            let tier: WallTier = Double(level.size) * count > parameters.wallMajorX * total ? .major : .minor
            walls.append(DomWall(side: side, price: level.price, size: level.size, tier: tier))
        }
    }

    /// In `Double` so that absurd sizes from a damaged file cannot overflow (exact below 2^53).
    private static func sum(_ levels: [BookLevel], _ count: Int) -> Double {
        var total = 0.0
        for level in levels.prefix(max(0, count)) { total += Double(level.size) }
        return total
    }
}
