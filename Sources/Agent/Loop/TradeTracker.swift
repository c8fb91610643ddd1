public import Execution
public import MarketData
import StateVector

/// Turns fills into round trips (flat to flat) for the summary, exactly: a round trip's net P&L is
/// what its sells brought in minus what its buys cost minus its commissions, all fixed-point.
public struct TradeTracker: Sendable {
    private var position: Int64 = 0
    private var openedAt = Timestamp(nanos: 0)
    private var cash: Money = .zero
    private var commissions: Money = .zero
    private var maxShares: Int64 = 0
    private var openValue: Money = .zero
    private var openShares: Int64 = 0
    private var closeValue: Money = .zero
    private var closeShares: Int64 = 0
    private var side: PositionSide = .long

    public init(position: Int64 = 0) {
        self.position = position
    }

    /// Books one fill; returns the round trip it closed, if any.
    public mutating func record(_ fill: Fill, at time: Timestamp) -> ClosedTrade? {
        let signed = fill.side == .buy ? fill.quantity : -fill.quantity
        if position == 0 {
            openedAt = time
            side = signed > 0 ? .long : .short
            cash = .zero
            commissions = .zero
            maxShares = 0
            openValue = .zero
            openShares = 0
            closeValue = .zero
            closeShares = 0
        }
        let opening = position == 0 || (position > 0) == (signed > 0)
        let value = fill.price * fill.quantity
        cash += fill.side == .buy ? -value : value
        commissions += fill.commission
        if opening {
            openValue += value
            openShares += fill.quantity
        } else {
            closeValue += value
            closeShares += fill.quantity
        }
        position += signed
        maxShares = max(maxShares, abs(position))
        guard position == 0, openShares > 0, closeShares > 0 else { return nil }
        return ClosedTrade(
            side: side, shares: maxShares, openedAt: openedAt, closedAt: time,
            entryPrice: Price(raw: openValue.raw / openShares), exitPrice: Price(raw: closeValue.raw / closeShares),
            netPL: cash - commissions)
    }
}
