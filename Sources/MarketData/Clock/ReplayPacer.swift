/// The data's clock played back against the wall clock at `speed` times real time: the anchor's
/// data time maps to its wall instant, and a later data time to the instant when that much data
/// time has passed at `speed`. `fsd run --speed N` and the IBKR gateway's replay both pace by it,
/// so a recorded session plays at the same pace through either.
///
/// The arithmetic saturates: a mapped offset is held within a day either way (a day past the
/// anchor is past any session), so no speed, however large or small, can overflow a clock.
public struct ReplayPacer: Clock {
    /// Data seconds per wall second: 1 real time, 10 ten times faster. Zero (or a negative,
    /// infinite or NaN speed) means not paced: the data runs as fast as it can be read and no
    /// wall instant maps to it.
    public let speed: Double
    private var anchorPoint: (data: Timestamp, wall: ContinuousClock.Instant)?

    /// A pacer that maps nothing until `anchor(data:wall:)`, for a replay that anchors on its
    /// first event.
    public init(speed: Double) {
        self.speed = speed
    }

    /// A pacer whose data clock reads `origin` now.
    public init(origin: Timestamp, speed: Double) {
        self.init(speed: speed)
        anchor(data: origin, wall: .now)
    }

    /// True when the speed maps data time onto the wall clock at all.
    public var isPaced: Bool { speed > 0 && speed.isFinite }

    /// The data time of the anchor; nil before anchoring.
    public var origin: Timestamp? { anchorPoint?.data }

    /// Makes the data clock read `data` at the wall instant `wall`, replacing any earlier anchor.
    public mutating func anchor(data: Timestamp, wall: ContinuousClock.Instant) {
        anchorPoint = (data, wall)
    }

    /// The data time at `wall`, rounded down so that it never runs ahead of the events; nil
    /// before anchoring or when not paced.
    public func dataTime(at wall: ContinuousClock.Instant) -> Timestamp? {
        guard isPaced, let anchorPoint else { return nil }
        let elapsed = Self.nanoseconds(of: wall - anchorPoint.wall) * speed
        return Self.offset(anchorPoint.data, by: Self.saturated(elapsed.rounded(.down)))
    }

    /// The wall instant the data clock reaches `time`, rounded up so that `dataTime(at:)` of it is
    /// at least `time`; nil before anchoring or when not paced.
    public func wallTime(for time: Timestamp) -> ContinuousClock.Instant? {
        guard isPaced, let anchorPoint else { return nil }
        let ahead = Self.difference(time.nanos, anchorPoint.data.nanos) / speed
        return anchorPoint.wall + .nanoseconds(Self.saturated(ahead.rounded(.up)))
    }

    /// How long on the wall clock until the data clock reads `time`: zero when it is already
    /// past, before anchoring, or when not paced (as fast as possible).
    public func wallDelay(until time: Timestamp) -> Duration {
        wallDelay(until: time, from: .now)
    }

    /// `wallDelay(until:)` as seen from the wall instant `wall`.
    func wallDelay(until time: Timestamp, from wall: ContinuousClock.Instant) -> Duration {
        guard let due = wallTime(for: time) else { return .zero }
        return max(.zero, due - wall)
    }

    /// The data time now; the anchor's while not paced, midnight before anchoring.
    public func now() -> Timestamp {
        dataTime(at: .now) ?? anchorPoint?.data ?? Timestamp(nanos: 0)
    }

    // MARK: Saturating arithmetic

    static let day = Double(86_400 * Timestamp.nanosPerSecond)

    /// A nanosecond count held within a day either way; NaN (which no finite speed produces) is 0.
    static func saturated(_ nanos: Double) -> Int64 {
        guard !nanos.isNaN else { return 0 }
        return Int64(max(-day, min(day, nanos)))
    }

    /// `duration` in nanoseconds, as a `Double` so that no product with a speed can trap.
    static func nanoseconds(of duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds / 1_000_000_000)
    }

    /// `a - b`, exact while it fits in `Int64`.
    static func difference(_ a: Int64, _ b: Int64) -> Double {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? Double(a) - Double(b) : Double(value)
    }

    /// `time` moved by `nanos`, held at the ends of `Int64`.
    static func offset(_ time: Timestamp, by nanos: Int64) -> Timestamp {
        let (value, overflow) = time.nanos.addingReportingOverflow(nanos)
        guard overflow else { return Timestamp(nanos: value) }
        return Timestamp(nanos: nanos < 0 ? .min : .max)
    }
}
