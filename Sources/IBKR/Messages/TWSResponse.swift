import MarketData

/// A message TWS sends to a client (TWS-PROTOCOL.md section 4, "In"), for the subset the agent and
/// the usual third-party clients use. Anything else decodes as `other` and is skipped safely.
public enum TWSResponse: Hashable, Sendable {
    case nextValidID(Int)
    case managedAccounts([String])
    case error(TWSErrorMessage)
    case contractDetails(reqID: Int, contract: TWSContract, minTick: Double?, longName: String)
    case contractDetailsEnd(reqID: Int)
    case depth(TWSDepthRow)
    case tickByTickLast(TWSLastTick)
    case tickByTickBidAsk(TWSBidAskTick)
    case tickByTickMidPoint(reqID: Int, time: Int64, midPoint: Price?)
    case tickPrice(reqID: Int, tickType: Int, price: Price?, size: Int64, mask: Int)
    case tickSize(reqID: Int, tickType: Int, size: Int64)
    case tickGeneric(reqID: Int, tickType: Int, value: Double?)
    case tickString(reqID: Int, tickType: Int, value: String)
    case marketDataType(reqID: Int, type: Int)
    case historicalData(reqID: Int, start: String, end: String, bars: [TWSBar])
    case orderStatus(TWSOrderStatus)
    case openOrder(TWSOpenOrder)
    case openOrderEnd
    case execution(reqID: Int, TWSExecution)
    case executionsEnd(reqID: Int)
    case commission(TWSCommissionReport)
    case position(TWSPosition)
    case positionEnd
    case pnl(reqID: Int, daily: Double?, unrealized: Double?, realized: Double?)
    case currentTime(Int64)
    case accountValue(key: String, value: String, currency: String, account: String)
    case accountUpdateTime(String)
    case accountDownloadEnd(account: String)
    case accountUpdateMulti(reqID: Int, account: String, modelCode: String, key: String, value: String, currency: String)
    case accountUpdateMultiEnd(reqID: Int)
    case completedOrdersEnd
    case marketDepthExchanges([String])
    /// A message this implementation does not interpret, kept whole.
    case other(TWSFrame)
}
