import MarketData
import StateVector

/// `VP_DEVELOPING_POC`: the POC of the session's prints in the trailing `developing_window_min`
/// (Settled details 1 and 11: (t − w, t], ties to the middle of this window's own range, then
/// the lower). Each print is added once and removed once; the POC is found by a scan over the
/// window's price range when a state asks and the window has changed.
struct DevelopingProfile: Sendable {
    private struct Entry: Sendable {
        var time: Int64
        var bucket: Int64
        var size: Int64
    }

    private let length: Int64
    private let bucketSize: Int64
    private var entries = RingBuffer<Entry>(capacity: 1024)
    private var volumes = BucketVolumes()
    /// Bounds of the buckets that may hold volume; tightened lazily when a state is built.
    private var lowBucket: Int64 = 0
    private var highBucket: Int64 = 0
    private var cached: Price?
    private var cacheValid = false

    init(parameters: FeatureParameters) {
        length = WindowLength.nanos(minutes: parameters.developingWindowMinutes)
        bucketSize = max(1, parameters.profileBucket.raw)
    }

    /// Adds a print of the regular session already accepted by the session profile at `bucket`.
    mutating func add(time: Timestamp, bucket: Int64, size: Int64) {
        advance(to: time)
        if entries.isEmpty {
            lowBucket = bucket
            highBucket = bucket
        } else {
            lowBucket = min(lowBucket, bucket)
            highBucket = max(highBucket, bucket)
        }
        entries.append(Entry(time: time.nanos, bucket: bucket, size: size))
        volumes.add(size, to: bucket)
        cacheValid = false
    }

    /// The POC of (now − w, now]; nil when nothing traded in that window.
    mutating func pointOfControl(at now: Timestamp) -> Price? {
        advance(to: now)
        if cacheValid { return cached }
        cacheValid = true
        guard !entries.isEmpty else {
            cached = nil
            return nil
        }
        while volumes[lowBucket] == 0, lowBucket < highBucket { lowBucket += 1 }
        while volumes[highBucket] == 0, highBucket > lowBucket { highBucket -= 1 }
        let index = ValueArea.pointOfControl(
            volumes.storage, low: volumes.offset(of: lowBucket), high: volumes.offset(of: highBucket))
        cached = Price(raw: (volumes.base + Int64(index)) * bucketSize)
        return cached
    }

    private mutating func advance(to now: Timestamp) {
        let cutoff = now.nanos - length
        while let oldest = entries.first, oldest.time <= cutoff {
            entries.removeFirst()
            volumes.add(-oldest.size, to: oldest.bucket)
            cacheValid = false
        }
    }
}
