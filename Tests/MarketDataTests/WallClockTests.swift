import Testing

@testable import MarketData

@Suite struct WallClockTests {
    /// The clock reads the machine's time through `EasternTime`: bracketed by two raw readings, its
    /// Eastern date and time lie between theirs.
    @Test func readsEasternTimeBetweenTwoEpochReadings() {
        let clock = WallClock()
        let before = EasternTime.local(epochNanos: WallClock.epochNanos())
        let eastern = clock.eastern()
        let now = clock.now()
        let today = clock.today()
        let after = EasternTime.local(epochNanos: WallClock.epochNanos())
        // Across midnight the times wrap; the dates still bracket.
        #expect(before.date <= eastern.date && eastern.date <= today && today <= after.date)
        if before.date == after.date {
            #expect(before.time <= eastern.time && eastern.time <= now && now <= after.time)
        }
        #expect(now >= Timestamp(nanos: 0) && now < Timestamp(hours: 24, minutes: 0, seconds: 0))
    }

    @Test func epochIsPastThisCodesWriting() {
        // 2026-01-01 00:00:00 UTC.
        #expect(WallClock.epochNanos() > 1_767_225_600 * 1_000_000_000)
    }
}
