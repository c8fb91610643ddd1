import MarketData
public import StateVector

extension RiskManager {
    /// The refusal every entry of `side` would meet at this moment whatever its prices: a halt, a
    /// flatten under way, a position or orders open, the day's trades used up, no quote, a spread
    /// past `max_spread`, stale data. `review` judges a probe order and only these are kept, so the
    /// rules are the very ones an entry meets. The funnel asks it when a model declines a setup:
    /// with one of these, the decline changed nothing.
    public func refusalOfAnyEntry(
        _ side: PositionSide, market: MarketContext, account: AccountState, hasLiveOrders: Bool, flattening: Bool
    ) -> RiskRefusal? {
        let limit = (side == .long ? market.ask : market.bid) ?? Price.cent * 100
        let step = side == .long ? Price.cent : -Price.cent
        let probe = EntryIntent(side: side, limit: limit, stop: limit - step, target: limit + step, quantity: 1)
        return review(probe, market: market, account: account, hasLiveOrders: hasLiveOrders, flattening: flattening)
            .first(where: \.refusesAnyEntry)
    }
}

extension RiskRefusal {
    /// True for the refusals that depend on the moment, not on the order's prices or size.
    public var refusesAnyEntry: Bool {
        switch self {
        case .halted, .flattening, .positionOpen, .ordersWorking, .tradeLimit, .noQuote, .spreadTooWide, .staleData: true
        default: false
        }
    }
}
