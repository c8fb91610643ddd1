import MarketData

/// execDetails (message 11): one fill.
public struct TWSExecution: Hashable, Sendable {
    public var orderID: Int
    public var contract: TWSContract
    /// Unique per fill; corrections reuse the stem with a new suffix.
    public var execID: String
    /// `yyyyMMdd HH:mm:ss zone` as TWS sends it.
    public var time: String
    public var account: String
    public var exchange: String
    /// `BOT` or `SLD`.
    public var side: String
    public var shares: Int64
    public var price: Price
    public var permID: Int64
    public var clientID: Int
    public var cumulativeQuantity: Int64
    public var averagePrice: Price
    public var orderRef: String

    public init(
        orderID: Int, contract: TWSContract, execID: String, time: String, account: String, exchange: String,
        side: String, shares: Int64, price: Price, permID: Int64, clientID: Int, cumulativeQuantity: Int64,
        averagePrice: Price, orderRef: String
    ) {
        self.orderID = orderID
        self.contract = contract
        self.execID = execID
        self.time = time
        self.account = account
        self.exchange = exchange
        self.side = side
        self.shares = shares
        self.price = price
        self.permID = permID
        self.clientID = clientID
        self.cumulativeQuantity = cumulativeQuantity
        self.averagePrice = averagePrice
        self.orderRef = orderRef
    }

    public var isBuy: Bool { side == "BOT" || side == "BUY" }
}
