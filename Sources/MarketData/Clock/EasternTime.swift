/// US/Eastern wall time ⇄ Unix time, with the US daylight-saving rule in force since 2007 (second
/// Sunday of March to first Sunday of November, switching at 02:00 local). Self-contained so that
/// replay and tests never depend on the machine's time-zone database.
public enum EasternTime {
    /// Unix seconds of `time` on `date` in US/Eastern.
    public static func epochSeconds(date: SessionDate, time: Timestamp) -> Int64 {
        let days = daysFromCivil(date.year, date.month, date.day)
        let local = days * 86_400 + time.nanos / Timestamp.nanosPerSecond
        let offset: Int64 = isDaylightSaving(date: date, secondOfDay: time.nanos / Timestamp.nanosPerSecond) ? 4 : 5
        return local + offset * 3600
    }

    /// The US/Eastern date and time of a Unix instant given in nanoseconds.
    public static func local(epochNanos: Int64) -> (date: SessionDate, time: Timestamp) {
        let seconds = epochNanos >= 0 ? epochNanos / Timestamp.nanosPerSecond : (epochNanos - 999_999_999) / Timestamp.nanosPerSecond
        let fraction = epochNanos - seconds * Timestamp.nanosPerSecond
        // Decide on standard time: DST runs from 02:00 EST on its first day to 01:00 EST (02:00 EDT)
        // on its last.
        let standard = split(seconds - 5 * 3600)
        let start = nthSunday(year: standard.date.year, month: 3, nth: 2)
        let end = nthSunday(year: standard.date.year, month: 11, nth: 1)
        let day = daysFromCivil(standard.date.year, standard.date.month, standard.date.day)
        let isDST =
            (day > start && day < end) || (day == start && standard.second >= 2 * 3600)
            || (day == end && standard.second < 3600)
        let local = isDST ? split(seconds - 4 * 3600) : standard
        return (local.date, Timestamp(nanos: local.second * Timestamp.nanosPerSecond + fraction))
    }

    private static func split(_ localSeconds: Int64) -> (date: SessionDate, second: Int64) {
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        return (civilFromDays(days), localSeconds - days * 86_400)
    }

    static func isDaylightSaving(date: SessionDate, secondOfDay: Int64) -> Bool {
        let start = nthSunday(year: date.year, month: 3, nth: 2)
        let end = nthSunday(year: date.year, month: 11, nth: 1)
        let day = daysFromCivil(date.year, date.month, date.day)
        if day > start && day < end { return true }
        if day == start { return secondOfDay >= 2 * 3600 }
        if day == end { return secondOfDay < 2 * 3600 }
        return false
    }

    private static func nthSunday(year: Int, month: Int, nth: Int) -> Int64 {
        let first = daysFromCivil(year, month, 1)
        // 1970-01-01 was a Thursday: weekday 0 = Sunday.
        let weekday = ((first % 7) + 11) % 7
        let firstSunday = first + (7 - weekday) % 7
        return firstSunday + Int64(nth - 1) * 7
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (the inverse of `daysFromCivil`).
    public static func civilFromDays(_ days: Int64) -> SessionDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return SessionDate(year: Int(year), month: Int(month), day: Int(day))
    }
}
