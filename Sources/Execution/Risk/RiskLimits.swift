public import MarketData

/// The limits the `RiskManager` enforces, with the seed's defaults. The agent fills them from the
/// strategy's `risk:` block.
public struct RiskLimits: Hashable, Sendable {
    /// Halt, cancel everything and flatten when DAILY_PL reaches minus this (`max_daily_loss`).
    public var maxDailyLoss = Money(cents: 500_00)
    /// Largest position in shares (`max_position`).
    public var maxPosition: Int64 = 100
    /// Entries per day (`max_trades_per_day`).
    public var maxTradesPerDay: Int64 = 10
    /// No entry when the spread is wider (`max_spread`). Each distance is dollars or a share of
    /// LAST, turned into dollars at the check (`PriceDistance`).
    public var maxSpread = PriceDistance.dollars(Price(cents: 5))
    /// No entry when the last book or tape event is older (`max_data_age_ms`).
    public var maxDataAge: Duration = .milliseconds(2000)
    /// Largest stop distance from the entry (`max_risk_per_share`).
    public var maxRiskPerShare = PriceDistance.dollars(Price(cents: 20))
    /// Largest target distance from the entry, unless just in front of a level (`max_target`).
    public var maxTarget = PriceDistance.dollars(Price(cents: 100))
    /// How close in front of a wall or key level a farther target must stand (`level_buffer`).
    public var levelBuffer = PriceDistance.dollars(Price(cents: 25))
    /// How far through the touch an entry limit may reach (`max_slippage`).
    public var maxSlippage = PriceDistance.dollars(Price(cents: 2))

    public init() {}

    /// The five price distances in dollars at `reference` (LAST).
    public func dollars(at reference: Price?) -> RiskDistances {
        RiskDistances(
            maxSpread: maxSpread, maxRiskPerShare: maxRiskPerShare, maxTarget: maxTarget, levelBuffer: levelBuffer,
            maxSlippage: maxSlippage, at: reference)
    }
}
