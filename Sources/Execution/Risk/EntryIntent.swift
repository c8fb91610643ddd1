public import MarketData
public import StateVector

/// A bracket the agent wants: `ENTER_LONG(limit, stop, target)` with a size chosen by the strategy.
public struct EntryIntent: Hashable, Sendable {
    public var side: PositionSide
    public var limit: Price
    public var stop: Price
    public var target: Price
    public var quantity: Int64

    public init(side: PositionSide, limit: Price, stop: Price, target: Price, quantity: Int64) {
        self.side = side
        self.limit = limit
        self.stop = stop
        self.target = target
        self.quantity = quantity
    }

    /// What a stop-out loses per share.
    public var riskPerShare: Price { side == .long ? limit - stop : stop - limit }
    /// What the target makes per share.
    public var rewardPerShare: Price { side == .long ? target - limit : limit - target }
}
