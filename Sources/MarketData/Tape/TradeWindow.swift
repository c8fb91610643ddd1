/// Running totals of the trades in a trailing time window (t − window, t]: count, volume by
/// aggressor and signed delta, each updated in O(1) per trade as trades enter and leave.
public struct TradeWindow: Sendable {
    public private(set) var trades: TimeWindowRing<Trade>
    /// Trades in the window.
    public var count: Int { trades.count }
    /// Shares traded in the window.
    public private(set) var volume: Int64 = 0
    /// Shares bought by aggressors (lifting the ask): FEATURES.md's `ask_vol`.
    public private(set) var buyVolume: Int64 = 0
    /// Shares sold by aggressors (hitting the bid): FEATURES.md's `bid_vol`.
    public private(set) var sellVolume: Int64 = 0

    public init(window: Duration) {
        trades = TimeWindowRing(window: window)
    }

    public var window: Duration { trades.window }

    /// Buy volume minus sell volume (trades of unknown side count in neither).
    public var delta: Int64 { buyVolume - sellVolume }

    /// Adds a trade that printed at `time` and drops the trades the window left behind.
    public mutating func append(_ trade: Trade, at time: Timestamp) {
        trades.append(trade, at: time)
        add(trade, sign: 1)
        advance(to: time)
    }

    /// Moves the window's end to `now` (call before reading at a moment with no trade).
    public mutating func advance(to now: Timestamp) {
        var removedVolume: Int64 = 0
        var removedBuy: Int64 = 0
        var removedSell: Int64 = 0
        trades.advance(to: now) { trade, _ in
            removedVolume += trade.size
            if trade.aggressor == .buy { removedBuy += trade.size } else if trade.aggressor == .sell { removedSell += trade.size }
        }
        volume -= removedVolume
        buyVolume -= removedBuy
        sellVolume -= removedSell
    }

    public mutating func removeAll() {
        trades.removeAll()
        volume = 0
        buyVolume = 0
        sellVolume = 0
    }

    private mutating func add(_ trade: Trade, sign: Int64) {
        volume += sign * trade.size
        switch trade.aggressor {
        case .buy: buyVolume += sign * trade.size
        case .sell: sellVolume += sign * trade.size
        case .unknown: break
        }
    }
}
