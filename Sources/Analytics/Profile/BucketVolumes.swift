/// Volume per price bucket in one contiguous array indexed by the bucket's offset from the lowest
/// stored bucket. It grows at either end only when the day's range widens, so adding a print is
/// O(1) and memory follows the price range, never the session's length.
///
/// Buckets farther than `maxSpan / 2` from the first bucket ever added are refused: one absurd
/// print (a bad tick, a damaged file) must not allocate gigabytes or make the value-area walk
/// crawl over millions of empty buckets.
struct BucketVolumes: Sendable {
    /// About ±$5,000 around the first print in cent buckets; 8 MB at most.
    static let maxSpan: Int64 = 1 << 20

    /// The bucket index of `storage[0]`.
    private(set) var base: Int64 = 0
    private(set) var storage: [Int64] = []
    private var anchor: Int64?

    /// The volume of `bucket`, 0 outside the stored range.
    subscript(bucket: Int64) -> Int64 {
        let offset = bucket - base
        guard offset >= 0, offset < Int64(storage.count) else { return 0 }
        return storage[Int(offset)]
    }

    /// True when `bucket` is within the span this profile accepts.
    func accepts(_ bucket: Int64) -> Bool {
        guard let anchor else { return true }
        return (bucket - anchor).magnitude < UInt64(Self.maxSpan / 2)
    }

    /// Adds `amount` (negative to remove) to `bucket` and returns the bucket's new volume; a
    /// bucket it does not accept is left out (callers check `accepts` first) and reads 0.
    @discardableResult
    mutating func add(_ amount: Int64, to bucket: Int64) -> Int64 {
        guard accepts(bucket) else { return 0 }
        if anchor == nil {
            anchor = bucket
            base = bucket - 64
            storage = Array(repeating: 0, count: 128)
        }
        if bucket < base { growDown(to: bucket) }
        if bucket >= base + Int64(storage.count) { growUp(to: bucket) }
        let offset = Int(bucket - base)
        storage[offset] += amount
        return storage[offset]
    }

    /// The storage index of `bucket` (which must be stored).
    func offset(of bucket: Int64) -> Int { Int(bucket - base) }

    private mutating func growDown(to bucket: Int64) {
        let slack = max(Int64(storage.count) / 2, 64)
        let floor = (anchor ?? bucket) - Self.maxSpan / 2
        let newBase = max(floor, min(bucket, base - slack))
        storage = Array(repeating: 0, count: Int(base - newBase)) + storage
        base = newBase
    }

    private mutating func growUp(to bucket: Int64) {
        let slack = max(Int64(storage.count) / 2, 64)
        let ceiling = (anchor ?? bucket) + Self.maxSpan / 2
        let top = base + Int64(storage.count)
        let newTop = min(ceiling, max(bucket + 1, top + slack))
        storage.append(contentsOf: repeatElement(0, count: Int(newTop - top)))
    }
}
