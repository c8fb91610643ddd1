public import MarketData
public import StateVector

/// One round trip, flat to flat.
public struct ClosedTrade: Hashable, Sendable {
    public var side: PositionSide
    /// Largest position held during the trade.
    public var shares: Int64
    public var openedAt: Timestamp
    public var closedAt: Timestamp
    public var entryPrice: Price
    public var exitPrice: Price
    /// Realized P&L of the round trip after its commissions.
    public var netPL: Money

    public init(
        side: PositionSide, shares: Int64, openedAt: Timestamp, closedAt: Timestamp, entryPrice: Price, exitPrice: Price,
        netPL: Money
    ) {
        self.side = side
        self.shares = shares
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.entryPrice = entryPrice
        self.exitPrice = exitPrice
        self.netPL = netPL
    }
}
