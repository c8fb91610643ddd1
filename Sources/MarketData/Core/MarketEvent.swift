/// The side of the book a resting order or a price level sits on.
public enum BookSide: UInt8, Sendable, Hashable, CaseIterable {
    case bid
    case ask

    public var opposite: BookSide { self == .bid ? .ask : .bid }
}

/// Who initiated a trade: a buyer lifting the ask, a seller hitting the bid, or unknown when the
/// feed does not say (IBKR `AllLast`); unknown trades are classified by the quote and tick rules.
public enum Aggressor: UInt8, Sendable, Hashable, CaseIterable {
    case buy
    case sell
    case unknown
}

/// What a depth update does to its price level.
public enum DepthOperation: UInt8, Sendable, Hashable, CaseIterable {
    /// A level appears at `price` with `size`.
    case insert
    /// The level at `price` now holds `size` (an absolute size, not a change).
    case update
    /// The level at `price` is gone.
    case delete
}

/// A change to one price level of the L2 book.
public struct DepthUpdate: Hashable, Sendable {
    public var side: BookSide
    public var price: Price
    /// Shares now resting at `price` (0 for a delete).
    public var size: Int64
    public var operation: DepthOperation

    @inlinable
    public init(side: BookSide, price: Price, size: Int64, operation: DepthOperation) {
        self.side = side
        self.price = price
        self.size = size
        self.operation = operation
    }
}

/// One print on the tape. A sweep through N resting orders is N trades.
public struct Trade: Hashable, Sendable {
    public var price: Price
    public var size: Int64
    public var aggressor: Aggressor
    /// False for prints that count in volume and delta but must not move LAST, HOD, LOD, a bar's
    /// OHLC or trigger a stop (odd lots, late or out-of-sequence reports).
    public var setsLast: Bool

    @inlinable
    public init(price: Price, size: Int64, aggressor: Aggressor, setsLast: Bool = true) {
        self.price = price
        self.size = size
        self.aggressor = aggressor
        self.setsLast = setsLast
    }
}

/// The best bid and ask as a quote feed reports them (tick-by-tick `BidAsk`).
public struct Quote: Hashable, Sendable {
    public var bid: Price
    public var bidSize: Int64
    public var ask: Price
    public var askSize: Int64

    @inlinable
    public init(bid: Price, bidSize: Int64, ask: Price, askSize: Int64) {
        self.bid = bid
        self.bidSize = bidSize
        self.ask = ask
        self.askSize = askSize
    }
}

/// Everything a feed can say about the market.
public enum MarketEvent: Hashable, Sendable {
    case depth(DepthUpdate)
    case trade(Trade)
    case quote(Quote)
    /// The whole book is void (IBKR error 317, a reconnect): clear both sides and rebuild.
    case bookReset
}

/// An event stamped with the moment it happened on the feed's clock. Events that one exchange
/// message produced share a timestamp; `endsBatch` is true on the last of them, when the book is
/// consistent again (a consumer should build state only at batch ends).
public struct TimedEvent: Hashable, Sendable {
    public var time: Timestamp
    public var event: MarketEvent
    public var endsBatch: Bool

    @inlinable
    public init(time: Timestamp, event: MarketEvent, endsBatch: Bool = true) {
        self.time = time
        self.event = event
        self.endsBatch = endsBatch
    }
}
