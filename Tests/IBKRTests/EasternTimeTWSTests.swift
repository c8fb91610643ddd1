import MarketData
import Testing

@testable import IBKR

@Suite struct EasternTimeTWSTests {
    @Test func execDetailsTimeFormat() {
        // 2026-03-08 01:59:59 EST is the last second before clocks jump to 03:00 EDT.
        let local = EasternTime.local(epochNanos: 1_772_953_199 * 1_000_000_000)
        #expect(EasternTime.twsTime(date: local.date, time: local.time) == "20260308 01:59:59 US/Eastern")
    }
}
