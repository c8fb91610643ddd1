/// Timestamped values of a trailing time window, oldest first, in a ring buffer that reuses its
/// storage: memory follows the busiest window seen, never the length of the session.
///
/// Windows are (now − window, now]: `advance(to:)` drops entries at or before `now − window` and
/// hands each one to the caller, which keeps running sums in step without rescanning.
///
/// ```swift
/// var last5s = TimeWindowRing<Trade>(window: .seconds(5))
/// last5s.append(trade, at: event.time)
/// last5s.advance(to: event.time) { expired, _ in volume -= expired.size }
/// ```
public struct TimeWindowRing<Element> {
    public let window: Duration
    private let windowNanos: Int64
    private var times: [Int64] = []
    private var values: [Element] = []
    /// Index of the oldest entry.
    private var head = 0
    public private(set) var count = 0

    public init(window: Duration) {
        self.window = window
        windowNanos = window.nanosecondCount
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// Adds `value` as the newest entry. Times should not decrease; an older time is kept in arrival
    /// order and expires when the entries before it do.
    public mutating func append(_ value: Element, at time: Timestamp) {
        if count == times.count {
            // Full (or empty): straighten the ring so the new entry can go at the end.
            if head != 0 {
                times = Array(times[head...] + times[..<head])
                values = Array(values[head...] + values[..<head])
                head = 0
            }
            times.append(time.nanos)
            values.append(value)
        } else {
            var slot = head + count
            if slot >= times.count { slot -= times.count }
            times[slot] = time.nanos
            values[slot] = value
        }
        count += 1
    }

    /// Drops the entries that left the window ending at `now`, oldest first, passing each to `expired`.
    public mutating func advance(to now: Timestamp, expired: (Element, Timestamp) -> Void = { _, _ in }) {
        let cutoff = now.nanos - windowNanos
        while count > 0 && times[head] <= cutoff {
            expired(values[head], Timestamp(nanos: times[head]))
            head += 1
            if head == times.count { head = 0 }
            count -= 1
        }
    }

    /// Removes every entry (keeping the storage).
    public mutating func removeAll() {
        head = 0
        count = 0
    }

    /// The entry `age` places from the oldest (0 = oldest).
    public subscript(oldestFirst age: Int) -> (time: Timestamp, value: Element) {
        precondition(age >= 0 && age < count, "index \(age) out of 0..<\(count)")
        var slot = head + age
        if slot >= times.count { slot -= times.count }
        return (Timestamp(nanos: times[slot]), values[slot])
    }

    /// The entry `age` places from the newest (0 = newest).
    public subscript(newestFirst age: Int) -> (time: Timestamp, value: Element) {
        self[oldestFirst: count - 1 - age]
    }

    public var oldest: (time: Timestamp, value: Element)? { count > 0 ? self[oldestFirst: 0] : nil }
    public var newest: (time: Timestamp, value: Element)? { count > 0 ? self[oldestFirst: count - 1] : nil }

    /// Slots allocated; stays at the largest count the window ever held.
    public var capacity: Int { times.count }
}

extension TimeWindowRing: Sendable where Element: Sendable {}

// MARK: - Sequence (oldest first)

extension TimeWindowRing: Sequence {
    public struct Iterator: IteratorProtocol {
        let ring: TimeWindowRing
        var age = 0

        public mutating func next() -> (time: Timestamp, value: Element)? {
            guard age < ring.count else { return nil }
            defer { age += 1 }
            return ring[oldestFirst: age]
        }
    }

    public func makeIterator() -> Iterator { Iterator(ring: self) }
}
