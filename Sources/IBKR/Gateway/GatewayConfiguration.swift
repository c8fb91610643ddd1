import MarketData

/// What `fsd gateway` simulates: one symbol, one paper account, replayed at `speed`.
public struct GatewayConfiguration: Sendable, Hashable {
    public var symbol: String
    public var sessionDate: SessionDate
    public var account: String
    public var conID: Int
    /// Replay speed: 1 is real time, 10 ten times faster, 0 as fast as possible.
    public var speed: Double
    /// The first order id handed out by nextValidId.
    public var firstOrderID: Int
    /// The 30-day average daily volume reported for generic tick 165 and the daily bars.
    public var averageDailyVolume: Int64
    /// Commission per share and the minimum per order (IBKR fixed pricing by default).
    public var commissionPerShare: Price
    public var minimumCommission: Price

    public init(
        symbol: String, sessionDate: SessionDate, account: String = "DU1234567", conID: Int = 265_598,
        speed: Double = 1, firstOrderID: Int = 1, averageDailyVolume: Int64 = 2_000_000,
        commissionPerShare: Price = Price(raw: 50), minimumCommission: Price = Price(raw: 10_000)
    ) {
        self.symbol = symbol
        self.sessionDate = sessionDate
        self.account = account
        self.conID = conID
        self.speed = speed
        self.firstOrderID = firstOrderID
        self.averageDailyVolume = averageDailyVolume
        self.commissionPerShare = commissionPerShare
        self.minimumCommission = minimumCommission
    }

    var contract: TWSContract {
        TWSContract(conId: conID, symbol: symbol, exchange: "SMART", primaryExchange: "NASDAQ", localSymbol: symbol,
            tradingClass: "NMS")
    }
}
