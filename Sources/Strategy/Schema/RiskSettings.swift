public import MarketData

/// The limits the gate and the risk manager enforce (`risk:`), with the seed's values as defaults.
/// Money and prices are exact fixed-point values parsed from the YAML text.
public struct RiskSettings: Hashable, Sendable {
    /// Halt and flatten when the day's P&L falls to minus this.
    public var maxDailyLoss = Money(cents: 50_000)
    /// Largest position in shares.
    public var maxPosition: Int64 = 100
    /// Shares per entry.
    public var positionSize: Int64 = 100
    /// Entries per day.
    public var maxTradesPerDay: Int64 = 10
    /// No entry while SPREAD is wider. This and the next four are price distances: dollars, or a
    /// share of LAST (`0.02%`, `2bp`) that `dollars(at:)` turns into dollars when it is checked.
    public var maxSpread = PriceDistance.dollars(Price(cents: 5))
    /// Largest stop distance of an entry.
    public var maxRiskPerShare = PriceDistance.dollars(Price(cents: 20))
    /// Largest target distance, unless the target stands just before the next wall or level.
    public var maxTarget = PriceDistance.dollars(Price(cents: 100))
    /// How close before a wall or level a farther target must stand.
    public var levelBuffer = PriceDistance.dollars(Price(cents: 25))
    /// How far through the touch an entry limit may chase.
    public var maxSlippage = PriceDistance.dollars(Price(cents: 2))
    /// Rules that make entries of a side wait while true (or unknown): never chase.
    public var chaseGuardLong: String?
    public var chaseGuardShort: String?
    /// A model answer older than this is stale.
    public var maxDecisionAgeMs: Int64 = 1_000
    /// No entry when the book or tape is older than this.
    public var maxDataAgeMs: Int64 = 2_000

    public init() {}

    /// One line for `fsd validate`.
    public var summary: String {
        "max daily loss \(maxDailyLoss.display), max position \(maxPosition), size \(positionSize), "
            + "\(maxTradesPerDay) trades/day, max spread \(maxSpread), risk/share \(maxRiskPerShare), "
            + "max target \(maxTarget)"
    }

    /// The five price distances in dollars at `last` (LAST).
    public func dollars(at last: Price?) -> RiskDistances {
        RiskDistances(
            maxSpread: maxSpread, maxRiskPerShare: maxRiskPerShare, maxTarget: maxTarget, levelBuffer: levelBuffer,
            maxSlippage: maxSlippage, at: last)
    }

    /// True when any price distance is a share of LAST.
    public var hasRelativeDistances: Bool {
        [maxSpread, maxRiskPerShare, maxTarget, levelBuffer, maxSlippage].contains(where: \.isRelative)
    }
}
