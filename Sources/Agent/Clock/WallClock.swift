import Foundation
public import MarketData

/// The computer's clock as nanoseconds since midnight in the exchange's time zone (US/Eastern for
/// US stocks), so a live session's timestamps line up with the feed's.
public struct WallClock: Clock {
    private let timeZone: TimeZone

    /// - Parameter timeZoneIdentifier: the exchange's zone; New York unless the venue says otherwise.
    public init(timeZoneIdentifier: String = "America/New_York") {
        timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone.current
    }

    public func now() -> Timestamp {
        let date = Date()
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let day = 86_400.0
        let sinceMidnight = seconds - (seconds / day).rounded(.down) * day
        return Timestamp(nanos: Int64(sinceMidnight * 1e9))
    }

    /// Today's date in the exchange's zone.
    public func today() -> SessionDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return SessionDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
