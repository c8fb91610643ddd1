import Testing

@testable import MarketData

@Suite struct ManualClockTests {
    @Test func movesOnlyForwardWhenTold() {
        let clock = ManualClock(Timestamp(hours: 9, minutes: 30, seconds: 0))
        #expect(clock.now() == Timestamp(hours: 9, minutes: 30, seconds: 0))
        clock.advance(by: .milliseconds(200))
        #expect(clock.now() == Timestamp(hours: 9, minutes: 30, seconds: 0, nanos: 200_000_000))
        clock.set(Timestamp(hours: 9, minutes: 29, seconds: 0))  // earlier: ignored
        #expect(clock.now() == Timestamp(hours: 9, minutes: 30, seconds: 0, nanos: 200_000_000))
        clock.set(Timestamp(hours: 10, minutes: 0, seconds: 0))
        #expect(clock.now() == Timestamp(hours: 10, minutes: 0, seconds: 0))
    }
}
