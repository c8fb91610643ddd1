public import MarketData
public import StateVector

/// The last word on every order the agent asks for. Entries, stop and target changes are approved
/// only by its checks (the `OrderManager` takes nothing else), and the daily loss limit halts the
/// day for good: the halt is part of the snapshot, so a restart cannot lift it.
public struct RiskManager: Hashable, Sendable {
    public var limits: RiskLimits
    /// Set once the daily loss limit is reached; entries are refused from then on.
    public private(set) var halt: Halt?

    public init(limits: RiskLimits, halt: Halt? = nil) {
        self.limits = limits
        self.halt = halt
    }

    /// Checks an entry against every limit; the first failure is the answer.
    /// - Parameters:
    ///   - hasLiveOrders: any order of ours not yet done (one bracket at a time).
    ///   - flattening: a cancel-and-flatten is still in progress.
    public func approve(
        _ entry: EntryIntent, market: MarketContext, account: AccountState, hasLiveOrders: Bool, flattening: Bool = false
    ) -> Result<ApprovedEntry, RiskRefusal> {
        let refusals = review(entry, market: market, account: account, hasLiveOrders: hasLiveOrders, flattening: flattening)
        if let first = refusals.first { return .failure(first) }
        return .success(ApprovedEntry(entry))
    }

    /// Every limit the entry breaks, in the order `approve` checks them (its answer is the first):
    /// the dry run `fsd decide` shows, so a trader sees all that stands in the way at once.
    public func review(
        _ entry: EntryIntent, market: MarketContext, account: AccountState, hasLiveOrders: Bool, flattening: Bool = false
    ) -> [RiskRefusal] {
        var refusals: [RiskRefusal] = []
        let distances = limits.dollars(at: market.reference)
        if let halt { refusals.append(.halted(halt)) }
        if flattening { refusals.append(.flattening) }
        if entry.quantity <= 0 { refusals.append(.invalidQuantity(entry.quantity)) }
        if entry.quantity > limits.maxPosition {
            refusals.append(.positionLimit(requested: entry.quantity, max: limits.maxPosition))
        }
        if account.position != 0, let side = account.positionSide {
            refusals.append(.positionOpen(shares: account.position, side: side))
        }
        if hasLiveOrders { refusals.append(.ordersWorking) }
        if account.dailyTrades >= limits.maxTradesPerDay {
            refusals.append(.tradeLimit(trades: account.dailyTrades, max: limits.maxTradesPerDay))
        }
        if let price = [entry.limit, entry.stop, entry.target].first(where: Self.isSubPenny) {
            refusals.append(.subPenny(price))
        }
        let long = entry.side == .long
        let ordered =
            long
            ? entry.stop < entry.limit && entry.limit < entry.target
            : entry.target < entry.limit && entry.limit < entry.stop
        if !ordered || entry.stop <= .zero || entry.target <= .zero {
            refusals.append(.pricesOutOfOrder(side: entry.side, limit: entry.limit, stop: entry.stop, target: entry.target))
        } else {
            // Distances mean something only for prices in order.
            if entry.riskPerShare > distances.maxRiskPerShare {
                refusals.append(.stopTooFar(distance: entry.riskPerShare, max: distances.maxRiskPerShare))
            }
            if let refusal = checkTarget(entry.target, side: entry.side, entry: entry.limit, market: market) {
                refusals.append(refusal)
            }
        }
        if let bid = market.bid, let ask = market.ask {
            if ask - bid > distances.maxSpread {
                refusals.append(.spreadTooWide(spread: ask - bid, max: distances.maxSpread))
            }
            if long ? entry.limit > ask + distances.maxSlippage : entry.limit < bid - distances.maxSlippage {
                refusals.append(.chasing(limit: entry.limit, touch: long ? ask : bid, max: distances.maxSlippage))
            }
            // The passive side: resting farther from the touch than a stop may be from the entry.
            if long ? entry.limit < bid - distances.maxRiskPerShare : entry.limit > ask + distances.maxRiskPerShare {
                refusals.append(.farFromMarket(limit: entry.limit, touch: long ? bid : ask, max: distances.maxRiskPerShare))
            }
        } else {
            refusals.append(.noQuote)
        }
        if let refusal = checkDataAge(market) { refusals.append(refusal) }
        let risk = entry.riskPerShare * entry.quantity
        let remaining = account.dailyPL + limits.maxDailyLoss
        if ordered, risk >= remaining { refusals.append(.lossBudget(risk: risk, remaining: remaining)) }
        return refusals
    }

    /// Checks moving the protective stop of a position (or of a bracket whose entry still works)
    /// entered at `entry`: it may not risk more than `max_risk_per_share` from the entry, nor sit at
    /// or through the touch where it would fire at once.
    public func approveStop(
        _ price: Price, side: PositionSide, entry: Price, market: MarketContext
    ) -> Result<ApprovedPriceChange, RiskRefusal> {
        if Self.isSubPenny(price) { return .failure(.subPenny(price)) }
        let long = side == .long
        if long, let bid = market.bid, price >= bid { return .failure(.stopWouldFire(stop: price, touch: bid)) }
        if !long, let ask = market.ask, price <= ask { return .failure(.stopWouldFire(stop: price, touch: ask)) }
        let risk = long ? entry - price : price - entry
        let maxRisk = limits.maxRiskPerShare.dollars(at: market.reference)
        guard price > .zero, risk <= maxRisk else {
            return .failure(.stopTooFar(distance: risk, max: maxRisk))
        }
        return .success(ApprovedPriceChange(role: .stop, price: price))
    }

    /// Checks moving the target of a position (or bracket) entered at `entry`: it stays on the
    /// profitable side and within `max_target`, or just in front of a wall or key level.
    public func approveTarget(
        _ price: Price, side: PositionSide, entry: Price, market: MarketContext
    ) -> Result<ApprovedPriceChange, RiskRefusal> {
        if Self.isSubPenny(price) { return .failure(.subPenny(price)) }
        guard side == .long ? price > entry : price < entry else {
            return .failure(.targetWrongSide(target: price, entry: entry, side: side))
        }
        if let refusal = checkTarget(price, side: side, entry: entry, market: market) { return .failure(refusal) }
        return .success(ApprovedPriceChange(role: .target, price: price))
    }

    /// Halts the day when DAILY_PL has reached minus `max_daily_loss`; returns the new halt once,
    /// nil when already halted or within the limit.
    public mutating func checkDailyLoss(_ dailyPL: Money, at time: Timestamp) -> Halt? {
        guard halt == nil, dailyPL <= -limits.maxDailyLoss else { return nil }
        let halt = Halt(
            time: time,
            reason: "daily P&L \(dailyPL.formatted(decimals: 2)) reached max daily loss \(limits.maxDailyLoss.formatted(decimals: 2))")
        self.halt = halt
        return halt
    }

    // MARK: Checks shared by entries and changes

    private func checkTarget(_ target: Price, side: PositionSide, entry: Price, market: MarketContext) -> RiskRefusal? {
        let distance = side == .long ? target - entry : entry - target
        let maxTarget = limits.maxTarget.dollars(at: market.reference)
        guard distance > maxTarget else { return nil }
        let buffer = limits.levelBuffer.dollars(at: market.reference)
        let inFront = market.levels.contains { level in
            guard level.guards(side, entry: entry) else { return false }
            return side == .long
                ? target <= level.price && level.price - target <= buffer
                : target >= level.price && target - level.price <= buffer
        }
        return inFront ? nil : .targetTooFar(distance: distance, max: maxTarget, buffer: buffer)
    }

    /// Reg NMS rule 612: orders at $1.00 and above are priced in whole cents.
    private static func isSubPenny(_ price: Price) -> Bool {
        price >= Price(cents: 100) && price.isSubPenny
    }

    private func checkDataAge(_ market: MarketContext) -> RiskRefusal? {
        guard let last = market.lastDataTime else { return .staleData(age: nil, max: limits.maxDataAge) }
        let age = market.time - last
        return age > limits.maxDataAge ? .staleData(age: age, max: limits.maxDataAge) : nil
    }
}
