import Testing

@testable import MarketData

@Suite struct EasternTimeTests {
    @Test func convertsSummerAndWinterSessions() {
        let summer = EasternTime.epochSeconds(date: SessionDate(year: 2012, month: 6, day: 21), time: Timestamp(hours: 9, minutes: 30, seconds: 0))
        #expect(summer == 1_340_285_400)
        let winter = EasternTime.epochSeconds(date: SessionDate(year: 2024, month: 1, day: 2), time: Timestamp(hours: 9, minutes: 30, seconds: 0))
        #expect(winter == 1_704_205_800)
    }

    @Test func roundTripsAcrossTheSpringSwitch() {
        // 2026-03-08 01:59:59 EST is the last second before clocks jump to 03:00 EDT.
        let local = EasternTime.local(epochNanos: 1_772_953_199 * 1_000_000_000)
        #expect(local.date == SessionDate(year: 2026, month: 3, day: 8))
        #expect(local.time == Timestamp(hours: 1, minutes: 59, seconds: 59))
        let next = EasternTime.local(epochNanos: 1_772_953_200 * 1_000_000_000)
        #expect(next.time == Timestamp(hours: 3, minutes: 0, seconds: 0))
    }

    @Test func civilDaysRoundTrip() {
        #expect(EasternTime.daysFromCivil(1970, 1, 1) == 0)
        // 2026-03-08: 56 years of 365 days, 14 leap days (1972…2024), then 31 + 28 + 7 days.
        #expect(EasternTime.daysFromCivil(2026, 3, 8) == 20_520)
        #expect(EasternTime.civilFromDays(20_520) == SessionDate(year: 2026, month: 3, day: 8))
        #expect(EasternTime.civilFromDays(-1) == SessionDate(year: 1969, month: 12, day: 31))
    }
}
