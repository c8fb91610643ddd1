public import MarketData

/// The parameters of the state vector's arithmetic (FEATURES.md), with FEATURES.md's defaults. A
/// strategy's `features:` block overrides them by name; `declarations` lists every name once.
public struct FeatureParameters: Hashable, Sendable {
    // Level 2
    public var imbalanceLevels = 5
    public var wallLevels = 10
    public var wallMinorX = 3.0
    public var wallMajorX = 5.0
    public var maxWalls = 6
    public var stackLevels = 3
    // Tape
    public var velocityWindowSeconds = 5
    public var velocityLow = 10.0
    public var velocityHigh = 30.0
    public var sentimentWindowSeconds = 5
    public var sentimentBuy = 0.65
    public var sentimentSell = 0.35
    public var sentimentMinTrades = 5
    public var largePrintSize: Int64 = 300
    public var maxLargePrints = 10
    // Footprint and delta
    public var barSeconds = 60
    public var imbalanceRatio = 3.0
    public var imbalanceMinVolume: Int64 = 100
    public var footprintMode: FootprintMode = .diagonal
    public var cvdWindowMinutes = 5
    public var cvdTrendThreshold = 0.10
    // Volume profile
    public var profileBucket = Price(cents: 1)
    public var valueAreaPct = 70.0
    public var developingWindowMinutes = 30
    public var pocTolerance = Price(cents: 2)
    // Key levels
    public var breakoutWindowSeconds = 10
    public var testingPct = 0.15
    public var nearPct = 0.40
    public var volumeCurve = VolumeCurve.default
    // Session phases (boundaries belong to the later phase)
    public var sessionOpen = Timestamp(hours: 9, minutes: 30, seconds: 0)
    public var openDriveEnd = Timestamp(hours: 10, minutes: 0, seconds: 0)
    public var morningEnd = Timestamp(hours: 11, minutes: 30, seconds: 0)
    public var middayEnd = Timestamp(hours: 14, minutes: 0, seconds: 0)
    public var afternoonEnd = Timestamp(hours: 15, minutes: 30, seconds: 0)
    public var sessionClose = Timestamp(hours: 16, minutes: 0, seconds: 0)
    // Absorption
    public var absorptionWindowSeconds = 10
    public var absorptionMinVolume: Int64 = 2000
    public var absorptionX = 3.0
    public var absorptionRefill = 0.5

    public init() {}
}

/// How footprint imbalances pair volumes (FEATURES.md).
public enum FootprintMode: String, Hashable, Sendable, CaseIterable {
    /// ask_vol at p against bid_vol at p - 1 tick, as footprint tools do.
    case diagonal
    /// ask_vol and bid_vol at the same price, as the seed's example reads.
    case horizontal
}

/// The share of a day's volume that trades in each half hour from 09:30 to 16:00 (13 buckets). RVOL
/// compares today's volume with the volume expected by now, not with a whole day.
public struct VolumeCurve: Hashable, Sendable {
    /// 13 shares summing to 1, the first for 09:30-10:00.
    public let halfHourShares: [Double]

    /// The U shape of US equities: heavy open, quiet lunch, heaviest close (percent per half hour:
    /// 12, 9, 7.5, 6.5, 5.5, 5, 4.5, 4.5, 5, 5.5, 6.5, 8.5, 20).
    public static let `default` = VolumeCurve(
        uncheckedShares: [12, 9, 7.5, 6.5, 5.5, 5, 4.5, 4.5, 5, 5.5, 6.5, 8.5, 20].map { $0 / 100 })

    /// The number of half-hour buckets of a regular session.
    public static let bucketCount = 13

    private init(uncheckedShares: [Double]) { self.halfHourShares = uncheckedShares }

    /// A curve from 13 non-negative weights, normalised to sum to 1; nil for another count, a
    /// negative or non-finite weight, or an all-zero curve.
    public init?(weights: [Double]) {
        guard weights.count == Self.bucketCount, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        self.halfHourShares = weights.map { $0 / total }
    }

    /// The fraction of a day's volume expected to have traded `elapsed` into the session
    /// (linear within a half hour; 0 before the open, 1 after the close).
    public func cumulativeFraction(elapsed: Duration) -> Double {
        let halfHour = Int64(1800) * Timestamp.nanosPerSecond
        let nanos = elapsed.nanosecondCount
        guard nanos > 0 else { return 0 }
        let bucket = Int(nanos / halfHour)
        guard bucket < Self.bucketCount else { return 1 }
        let before = halfHourShares[..<bucket].reduce(0, +)
        let within = Double(nanos % halfHour) / Double(halfHour)
        return before + halfHourShares[bucket] * within
    }
}
