/// A message a client sends to TWS (TWS-PROTOCOL.md section 4, "Out"), for the subset the agent,
/// `fsd gateway` and the usual third-party clients use. Anything else decodes as `other`.
public enum TWSRequest: Hashable, Sendable {
    case startAPI(clientID: Int, capabilities: String)
    case requestIDs
    case marketData(reqID: Int, contract: TWSContract, genericTicks: String, snapshot: Bool)
    case cancelMarketData(reqID: Int)
    /// 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.
    case marketDataType(Int)
    case marketDepth(reqID: Int, contract: TWSContract, rows: Int, smart: Bool)
    case cancelMarketDepth(reqID: Int, smart: Bool)
    /// `tickType` is `Last`, `AllLast`, `BidAsk` or `MidPoint`.
    case tickByTick(reqID: Int, contract: TWSContract, tickType: String, count: Int, ignoreSize: Bool)
    case cancelTickByTick(reqID: Int)
    /// Note the wire order: bar size before duration.
    case historicalData(
        reqID: Int, contract: TWSContract, endDateTime: String, barSize: String, duration: String, useRTH: Bool,
        whatToShow: String)
    case cancelHistoricalData(reqID: Int)
    case contractDetails(reqID: Int, contract: TWSContract)
    case placeOrder(TWSOrder, TWSContract)
    case cancelOrder(orderID: Int)
    case globalCancel
    case openOrders
    case allOpenOrders
    case autoOpenOrders(Bool)
    case executions(reqID: Int, clientID: Int, account: String, time: String, symbol: String)
    case positions
    case cancelPositions
    case pnl(reqID: Int, account: String)
    case cancelPnL(reqID: Int)
    case accountUpdates(subscribe: Bool, account: String)
    case accountUpdatesMulti(reqID: Int, account: String, modelCode: String, ledgerAndNLV: Bool)
    case cancelAccountUpdatesMulti(reqID: Int)
    case completedOrders(apiOnly: Bool)
    case currentTime
    case managedAccounts
    case marketDepthExchanges
    /// A message this implementation does not interpret, kept whole.
    case other(TWSFrame)

    /// The wire message id.
    public var messageID: Int {
        switch self {
        case .startAPI: 71
        case .requestIDs: 8
        case .marketData: 1
        case .cancelMarketData: 2
        case .marketDataType: 59
        case .marketDepth: 10
        case .cancelMarketDepth: 11
        case .tickByTick: 97
        case .cancelTickByTick: 98
        case .historicalData: 20
        case .cancelHistoricalData: 25
        case .contractDetails: 9
        case .placeOrder: 3
        case .cancelOrder: 4
        case .globalCancel: 58
        case .openOrders: 5
        case .allOpenOrders: 16
        case .autoOpenOrders: 15
        case .executions: 7
        case .positions: 61
        case .cancelPositions: 64
        case .pnl: 92
        case .cancelPnL: 93
        case .accountUpdates: 6
        case .accountUpdatesMulti: 76
        case .cancelAccountUpdatesMulti: 77
        case .completedOrders: 99
        case .currentTime: 49
        case .managedAccounts: 17
        case .marketDepthExchanges: 82
        case .other(let frame): frame.messageID ?? -1
        }
    }
}
