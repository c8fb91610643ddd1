import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's real-time clock as US/Eastern session time: live feeds stamp events on arrival.
public enum WallClock {
    /// Nanoseconds since the Unix epoch.
    public static func epochNanos() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Now, as the US/Eastern date and time since midnight.
    public static func eastern() -> (date: SessionDate, time: Timestamp) {
        EasternTime.local(epochNanos: epochNanos())
    }
}
