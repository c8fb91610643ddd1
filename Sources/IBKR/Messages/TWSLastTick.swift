import MarketData

/// tickByTick (message 99) `Last`/`AllLast`: one print.
public struct TWSLastTick: Hashable, Sendable {
    public var reqID: Int
    /// 1 Last, 2 AllLast.
    public var tickType: Int
    /// Epoch seconds.
    public var time: Int64
    public var price: Price
    public var size: Int64
    public var pastLimit: Bool
    /// Reported late or out of sequence: counts in volume but does not set the last price.
    public var unreported: Bool
    public var exchange: String
    public var specialConditions: String

    public init(
        reqID: Int, tickType: Int = 2, time: Int64, price: Price, size: Int64, pastLimit: Bool = false,
        unreported: Bool = false, exchange: String, specialConditions: String = ""
    ) {
        self.reqID = reqID
        self.tickType = tickType
        self.time = time
        self.price = price
        self.size = size
        self.pastLimit = pastLimit
        self.unreported = unreported
        self.exchange = exchange
        self.specialConditions = specialConditions
    }
}
