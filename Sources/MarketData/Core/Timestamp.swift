/// A moment of a trading session: nanoseconds since midnight on the exchange's own clock
/// (US/Eastern for US stocks). Replay uses the data's clock, never the wall clock.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanos: Int64

    public static let nanosPerSecond: Int64 = 1_000_000_000
    public static let nanosPerMillisecond: Int64 = 1_000_000

    @inlinable public init(nanos: Int64) { self.nanos = nanos }

    public init(hours: Int, minutes: Int, seconds: Int, nanos: Int64 = 0) {
        self.nanos = (Int64(hours) * 3600 + Int64(minutes) * 60 + Int64(seconds)) * Self.nanosPerSecond + nanos
    }

    /// Parses `HH:MM:SS` or `HH:MM:SS.fff…` (up to 9 decimals); nil for anything else.
    public init?(clock text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2,
            let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        let secondParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(secondParts.count), secondParts[0].count == 2,
            let seconds = Int(secondParts[0]), (0..<60).contains(seconds)
        else { return nil }
        var fraction: Int64 = 0
        if secondParts.count == 2 {
            let digits = secondParts[1]
            guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int64(digits)
            else { return nil }
            fraction = value
            for _ in digits.count..<9 { fraction *= 10 }
        }
        self.init(hours: hours, minutes: minutes, seconds: seconds, nanos: fraction)
    }

    @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanos < rhs.nanos }
    @inlinable public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(nanos: lhs.nanos + rhs.nanosecondCount)
    }
    @inlinable public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(nanos: lhs.nanos - rhs.nanosecondCount)
    }
    @inlinable public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .nanoseconds(lhs.nanos - rhs.nanos)
    }

    /// Seconds since midnight as a `Double`, for display and rates only.
    public var seconds: Double { Double(nanos) / Double(Self.nanosPerSecond) }

    /// `HH:MM:SS.mmm`.
    public var clock: String {
        let totalMillis = nanos / Self.nanosPerMillisecond
        let millis = totalMillis % 1000
        let totalSeconds = totalMillis / 1000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let milliText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(two(totalSeconds / 3600)):\(two(totalSeconds / 60 % 60)):\(two(totalSeconds % 60)).\(milliText)"
    }

    public var description: String { clock }
}

extension Duration {
    /// Whole nanoseconds (durations here are far below the 292-year limit of `Int64`).
    @inlinable public var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The calendar date of a session (the exchange's local date).
public struct SessionDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for text that is not a calendar day (`2012-02-31`, year 0).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            Self.isValid(year: year, month: month, day: day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func < (lhs: SessionDate, rhs: SessionDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }
}
