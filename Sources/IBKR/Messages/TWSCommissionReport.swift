import MarketData

/// commissionReport (message 59), following the execDetails with the same execID.
public struct TWSCommissionReport: Hashable, Sendable {
    public var execID: String
    public var commission: Money
    public var currency: String
    /// Nil when TWS leaves it unset (an opening fill).
    public var realizedPnL: Money?

    public init(execID: String, commission: Money, currency: String, realizedPnL: Money?) {
        self.execID = execID
        self.commission = commission
        self.currency = currency
        self.realizedPnL = realizedPnL
    }
}
