import Analytics
import MarketData

/// TWS market-data messages → `MarketEvent`s for one subscription set; pure, so tests feed it
/// messages directly.
struct IBKRFeedTranslator: Sendable {
    struct Requests: Sendable {
        var depth: Int
        var trades: Int
        var quotes: Int
    }

    var requests = Requests(depth: -1, trades: -1, quotes: -1)
    var book = DepthRows()
    var classifier = TradeClassifier()
    var lastQuote: Quote?

    mutating func reset() -> [MarketEvent] {
        book.clear()
        lastQuote = nil
        return [.bookReset]
    }

    mutating func translate(_ response: TWSResponse) -> [MarketEvent] {
        switch response {
        case .depth(let row) where row.reqID == requests.depth:
            return book.apply(row).map { .depth($0) }
        case .error(let error) where error.code == 317 && error.id == requests.depth:
            return reset()
        case .tickByTickLast(let tick) where tick.reqID == requests.trades:
            classifier.updateQuote(
                bid: lastQuote?.bid ?? book.bestBid?.price, ask: lastQuote?.ask ?? book.bestAsk?.price)
            var trade = Trade(price: tick.price, size: tick.size, aggressor: .unknown, setsLast: !tick.unreported)
            trade.aggressor = classifier.classify(trade) == .buy ? .buy : .sell
            return [.trade(trade)]
        case .tickByTickBidAsk(let tick) where tick.reqID == requests.quotes:
            let quote = Quote(bid: tick.bid, bidSize: tick.bidSize, ask: tick.ask, askSize: tick.askSize)
            lastQuote = quote
            return [.quote(quote)]
        default:
            return []
        }
    }
}
