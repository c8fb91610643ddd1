public import MarketData
public import StateVector

/// Settles who initiated a print (FEATURES.md "Trade side"): the feed's aggressor when it has one;
/// otherwise against the quote in force just before the print (price >= ask BUY, <= bid SELL),
/// otherwise the tick rule against the last price (up-tick BUY, down-tick SELL, zero-tick repeats
/// the previous side). The one classifier of both paths: the feature engine's for a replay, the
/// IBKR feed's for live prints, so a print gets the same side either way.
public struct TradeClassifier: Sendable {
    /// The best bid in force, as of the last `updateQuote`.
    public private(set) var bid: Price?
    /// The best ask in force, as of the last `updateQuote`.
    public private(set) var ask: Price?
    /// The reference of the tick rule: the last print that sets the last price.
    private var lastPrice: Price?
    private var lastSide: TradeSide?

    public init() {}

    /// Sets the quote the next prints are judged against (nil for an empty side).
    public mutating func updateQuote(bid: Price?, ask: Price?) {
        self.bid = bid
        self.ask = ask
    }

    /// The side of `trade`, which then becomes the previous print of the tick rule (its price only
    /// when it sets the last price).
    public mutating func classify(_ trade: Trade) -> TradeSide {
        let side = side(of: trade)
        lastSide = side
        if trade.setsLast { lastPrice = trade.price }
        return side
    }

    private func side(of trade: Trade) -> TradeSide {
        switch trade.aggressor {
        case .buy: return .buy
        case .sell: return .sell
        case .unknown: break
        }
        if let ask, trade.price >= ask { return .buy }
        if let bid, trade.price <= bid { return .sell }
        if let lastPrice {
            if trade.price > lastPrice { return .buy }
            if trade.price < lastPrice { return .sell }
            if let lastSide { return lastSide }
        }
        // No earlier print to tick against (the session's first print, inside the spread): the
        // side of the mid it is on, BUY when even that is unknown.
        if let bid, let ask, trade.price.raw * 2 < bid.raw + ask.raw { return .sell }
        return .buy
    }
}
