import MarketData

/// Window lengths from parameters, in nanoseconds, kept within 1 s ... 1 day so that no parameter
/// value, however it was set, can overflow the arithmetic on timestamps.
enum WindowLength {
    static func nanos(seconds: Int) -> Int64 {
        Int64(min(max(1, seconds), 86_400)) * Timestamp.nanosPerSecond
    }

    static func nanos(minutes: Int) -> Int64 {
        nanos(seconds: min(max(1, minutes), 1440) * 60)
    }
}
