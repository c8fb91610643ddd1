import Execution
import MarketData

/// What `fsd gateway` simulates: one symbol, one paper account, replayed at `speed`, with orders
/// filled by a `SimulatedExchange` configured as the built-in simulator is.
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
    /// False makes `reqHistoricalData` fail with error 162, as TWS does for an account without
    /// historical data permissions: clients must fall back to generic tick 165.
    public var servesDailyBars: Bool
    /// The exchange that fills orders: latency and commissions. The default is the built-in
    /// simulator's, so a strategy sees the same fills through the gateway as in a backtest.
    public var exchange: SimulatedExchange.Configuration

    public init(
        symbol: String, sessionDate: SessionDate, account: String = "DU1234567", conID: Int = 265_598,
        speed: Double = 1, firstOrderID: Int = 1, averageDailyVolume: Int64 = 2_000_000, servesDailyBars: Bool = true,
        exchange: SimulatedExchange.Configuration = SimulatedExchange.Configuration()
    ) {
        self.symbol = symbol
        self.sessionDate = sessionDate
        self.account = account
        self.conID = conID
        self.speed = speed
        self.firstOrderID = firstOrderID
        self.averageDailyVolume = averageDailyVolume
        self.servesDailyBars = servesDailyBars
        self.exchange = exchange
    }

    var contract: TWSContract {
        TWSContract(conId: conID, symbol: symbol, exchange: "SMART", primaryExchange: "NASDAQ", localSymbol: symbol,
            tradingClass: "NMS")
    }
}
