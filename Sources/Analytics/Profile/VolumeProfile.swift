import MarketData

/// The session's volume profile (FEATURES.md "Volume profile"): volume per `profile_bucket` since
/// 09:30, each bucket named by its lower edge (Settled detail 5). The POC is kept as prints
/// arrive (only ties need a scan); the value area is walked when a state asks for it and cached
/// until the next print.
struct VolumeProfile: Sendable {
    /// The profile's answer: prices are bucket lower edges.
    struct Levels: Hashable, Sendable {
        var poc: Price
        var valueAreaHigh: Price
        var valueAreaLow: Price
    }

    let bucketSize: Int64
    private let valueAreaPercent: Double
    private var volumes = BucketVolumes()
    private var lowBucket: Int64 = 0
    private var highBucket: Int64 = 0
    private(set) var total: Int64 = 0
    private var maxVolume: Int64 = 0
    /// How many buckets hold `maxVolume`; above 1 the POC needs the tie rule.
    private var maxCount = 0
    private var maxBucket: Int64 = 0
    private var cached: Levels?
    private var cacheValid = false

    init(bucket: Price, valueAreaPercent: Double) {
        bucketSize = max(1, bucket.raw)
        self.valueAreaPercent = valueAreaPercent
    }

    /// The bucket holding `price`: floor(price / bucket).
    func bucket(of price: Price) -> Int64 {
        let quotient = price.raw / bucketSize
        return price.raw % bucketSize != 0 && price.raw < 0 ? quotient - 1 : quotient
    }

    /// Adds a print of the regular session. Returns false when the price lies beyond the span a
    /// profile accepts (`BucketVolumes.maxSpan`), in which case nothing was added.
    @discardableResult
    mutating func add(price: Price, size: Int64) -> Bool {
        let bucket = bucket(of: price)
        guard size > 0, volumes.accepts(bucket) else { return false }
        if total == 0 {
            lowBucket = bucket
            highBucket = bucket
        } else {
            lowBucket = min(lowBucket, bucket)
            highBucket = max(highBucket, bucket)
        }
        total += size
        let volume = volumes.add(size, to: bucket)
        if volume > maxVolume {
            maxVolume = volume
            maxCount = 1
            maxBucket = bucket
        } else if volume == maxVolume {
            maxCount += 1
        }
        cacheValid = false
        return true
    }

    /// POC, VAH and VAL; nil before the first print.
    mutating func levels() -> Levels? {
        if cacheValid { return cached }
        cacheValid = true
        guard total > 0 else {
            cached = nil
            return nil
        }
        let low = volumes.offset(of: lowBucket)
        let high = volumes.offset(of: highBucket)
        let poc =
            maxCount == 1
            ? volumes.offset(of: maxBucket) : ValueArea.pointOfControl(volumes.storage, low: low, high: high)
        let area = ValueArea.walk(
            volumes.storage, low: low, high: high, poc: poc, total: total, percent: valueAreaPercent)
        cached = Levels(
            poc: price(ofOffset: poc), valueAreaHigh: price(ofOffset: area.high),
            valueAreaLow: price(ofOffset: area.low))
        return cached
    }

    private func price(ofOffset offset: Int) -> Price {
        Price(raw: (volumes.base + Int64(offset)) * bucketSize)
    }
}
