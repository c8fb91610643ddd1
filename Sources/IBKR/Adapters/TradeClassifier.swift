import MarketData

/// Gives a print with no aggressor side one, per FEATURES.md: against the quote in force just
/// before the trade (at or above the ask a buy, at or below the bid a sell), else the tick rule
/// (an up-tick a buy, a down-tick a sell, a zero-tick repeats the previous side).
public struct TradeClassifier: Sendable {
    private var lastPrice: Price?
    private var lastSide: Aggressor = .unknown

    public init() {}

    public mutating func classify(price: Price, bid: Price?, ask: Price?) -> Aggressor {
        var side: Aggressor
        if let ask, price >= ask {
            side = .buy
        } else if let bid, price <= bid {
            side = .sell
        } else if let lastPrice, price > lastPrice {
            side = .buy
        } else if let lastPrice, price < lastPrice {
            side = .sell
        } else {
            side = lastSide
        }
        if side == .unknown, let bid, let ask {
            // First print inside the spread: nearer the ask is a buy, nearer the bid a sell.
            let twice = price.raw * 2
            side = twice > bid.raw + ask.raw ? .buy : twice < bid.raw + ask.raw ? .sell : .unknown
        }
        lastPrice = price
        lastSide = side
        return side
    }
}
