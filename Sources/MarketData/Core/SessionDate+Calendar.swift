extension SessionDate {
    /// True for a day of the Gregorian calendar in years 1 to 9999: 2012-02-29 is one, 2013-02-29,
    /// 2012-02-31 and year 0 are not. Every date read from a file name or a recording header is
    /// checked with it, so a damaged header cannot name a day that never was.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// True when this date is a real calendar day (`isValid(year:month:day:)`).
    public var isValid: Bool { Self.isValid(year: year, month: month, day: day) }

    /// Days in `month` (1–12) of `year`, leap years by the Gregorian rule.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
