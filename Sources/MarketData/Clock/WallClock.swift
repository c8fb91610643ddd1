#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's real-time clock as US/Eastern session time, the exchange's own clock for US
/// stocks: a live session stamps events on arrival with it, so they line up with a feed's. The
/// zone rule is `EasternTime`'s, so no machine's time-zone database can shift a session.
public struct WallClock: Clock {
    public init() {}

    /// Nanoseconds since midnight US/Eastern.
    public func now() -> Timestamp { eastern().time }

    /// Today's date in US/Eastern.
    public func today() -> SessionDate { eastern().date }

    /// Now, as the US/Eastern date and time since midnight, read once so that the two agree.
    public func eastern() -> (date: SessionDate, time: Timestamp) {
        EasternTime.local(epochNanos: Self.epochNanos())
    }

    /// Nanoseconds since the Unix epoch.
    public static func epochNanos() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
