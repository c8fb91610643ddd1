import MarketData

/// How a replay maps the wall clock onto the session's clock, and which batch it waits to apply.
struct ReplayClock: Sendable {
    /// 1 real time, 10 ten times faster, 0 as fast as possible (no mapping: time is the events').
    let speed: Double
    /// The wall instant the first batch was due and that batch's time.
    var anchor: (wall: ContinuousClock.Instant, data: Timestamp)?
    /// The batch the replay is sleeping until, when it is on schedule: nothing may act at or after
    /// its time before it is applied. Nil while the replay applies batches or runs behind.
    var nextBatch: Timestamp?

    init(speed: Double) { self.speed = speed }

    /// The session time at `wall`; nil before the first batch or when not paced.
    func dataTime(at wall: ContinuousClock.Instant) -> Timestamp? {
        guard speed > 0, let anchor else { return nil }
        let elapsed = Double((wall - anchor.wall).nanosecondCount) * speed
        return anchor.data + .nanoseconds(Self.nanoseconds(elapsed.rounded(.down)))
    }

    /// The wall instant the session reaches `time`; nil when not paced.
    func wallTime(for time: Timestamp) -> ContinuousClock.Instant? {
        guard speed > 0, let anchor else { return nil }
        return anchor.wall + .nanoseconds(Self.nanoseconds((Double((time - anchor.data).nanosecondCount) / speed).rounded(.up)))
    }

    /// Nanoseconds from a `Double`, saturated to a day so that no speed can overflow the clocks.
    static func nanoseconds(_ value: Double) -> Int64 {
        let day = 86_400 * Timestamp.nanosPerSecond
        guard value.isFinite else { return value < 0 ? -day : day }
        return Int64(max(-Double(day), min(Double(day), value)))
    }
}
