import MarketData

/// tickByTick (message 99) `BidAsk`: the inside quote.
public struct TWSBidAskTick: Hashable, Sendable {
    public var reqID: Int
    public var time: Int64
    public var bid: Price
    public var ask: Price
    public var bidSize: Int64
    public var askSize: Int64

    public init(reqID: Int, time: Int64, bid: Price, ask: Price, bidSize: Int64, askSize: Int64) {
        self.reqID = reqID
        self.time = time
        self.bid = bid
        self.ask = ask
        self.bidSize = bidSize
        self.askSize = askSize
    }
}
