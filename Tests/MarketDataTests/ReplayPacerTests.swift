import Testing

@testable import MarketData

@Suite struct ReplayPacerTests {
    let open = Timestamp(hours: 9, minutes: 30, seconds: 0)
    let wall = ContinuousClock.now

    private func pacer(_ speed: Double, data: Timestamp? = nil) -> ReplayPacer {
        var pacer = ReplayPacer(speed: speed)
        pacer.anchor(data: data ?? open, wall: wall)
        return pacer
    }

    @Test func mapsDataTimeAtSpeed() {
        let ten = pacer(10)
        #expect(ten.dataTime(at: wall) == open)
        #expect(ten.dataTime(at: wall + .milliseconds(1_500)) == Timestamp(hours: 9, minutes: 30, seconds: 15))
        #expect(ten.dataTime(at: wall - .seconds(1)) == Timestamp(hours: 9, minutes: 29, seconds: 50))
        #expect(ten.wallTime(for: Timestamp(hours: 9, minutes: 30, seconds: 20)) == wall + .seconds(2))
        let realTime = pacer(1)
        #expect(realTime.dataTime(at: wall + .milliseconds(250)) == open + .milliseconds(250))
        let half = pacer(0.5)
        #expect(half.wallTime(for: Timestamp(hours: 9, minutes: 30, seconds: 1)) == wall + .seconds(2))
    }

    /// Data time rounds down (never ahead of the events), wall time up (the data clock has reached
    /// the time once the wall instant comes).
    @Test func roundsDataDownAndWallUp() {
        let three = pacer(3)
        #expect(three.dataTime(at: wall + .nanoseconds(1)) == open + .nanoseconds(3))
        #expect(three.wallTime(for: open + .nanoseconds(1)) == wall + .nanoseconds(1))  // 1/3 ns up
        #expect(three.wallTime(for: open + .nanoseconds(10)) == wall + .nanoseconds(4))  // 10/3 ns up
        #expect(three.dataTime(at: wall + .nanoseconds(4)) == open + .nanoseconds(12))
        let half = pacer(0.5)
        #expect(half.dataTime(at: wall + .nanoseconds(1)) == open)  // 0.5 ns down
        #expect(half.dataTime(at: wall + .nanoseconds(3)) == open + .nanoseconds(1))  // 1.5 ns down
    }

    @Test func saturatesAtADayForAnySpeed() {
        let day = Duration.seconds(86_400)
        let slow = pacer(1e-12)
        // 1 s of data is 1e21 ns of wall time at this speed: held at a day.
        #expect(slow.wallTime(for: open + .seconds(1)) == wall + day)
        #expect(slow.dataTime(at: wall + .seconds(1)) == open)  // 1e-3 ns down
        let fast = pacer(1e300)
        #expect(fast.dataTime(at: wall + .nanoseconds(1)) == Timestamp(hours: 33, minutes: 30, seconds: 0))
        #expect(fast.dataTime(at: wall - .nanoseconds(1)) == open - day)
        #expect(fast.wallTime(for: open + .seconds(1)) == wall + .nanoseconds(1))  // 1e-291 ns up
        #expect(fast.wallTime(for: open) == wall)
        let largest = pacer(.greatestFiniteMagnitude)
        #expect(largest.dataTime(at: wall + .seconds(1)) == open + day)  // the product is infinite
    }

    @Test func saturatesAtTheEndsOfTimestamp() {
        let nearEnd = pacer(1e300, data: Timestamp(nanos: .max - 10))
        #expect(nearEnd.dataTime(at: wall + .seconds(1)) == Timestamp(nanos: .max))
        let nearStart = pacer(1e300, data: Timestamp(nanos: .min + 10))
        #expect(nearStart.dataTime(at: wall - .seconds(1)) == Timestamp(nanos: .min))
        // max - (min + 10) overflows Int64; as a Double it is ~1.8e19 ns, held at a day.
        let wide = pacer(1, data: Timestamp(nanos: .min + 10))
        #expect(wide.wallTime(for: Timestamp(nanos: .max)) == wall + .seconds(86_400))
    }

    @Test func wallDelayCountsFromTheGivenInstant() {
        let two = pacer(2)
        let tenPast = Timestamp(hours: 9, minutes: 30, seconds: 10)
        #expect(two.wallDelay(until: tenPast, from: wall) == .seconds(5))
        #expect(two.wallDelay(until: tenPast, from: wall + .seconds(4)) == .seconds(1))
        #expect(two.wallDelay(until: tenPast, from: wall + .seconds(6)) == .zero)
        #expect(two.wallDelay(until: Timestamp(hours: 9, minutes: 29, seconds: 0), from: wall) == .zero)
    }

    @Test func anchoredNowRunsFromTheOrigin() {
        let before = ContinuousClock.now
        let pacer = ReplayPacer(origin: open, speed: 1)
        let delay = pacer.wallDelay(until: Timestamp(hours: 9, minutes: 31, seconds: 0))
        let now = pacer.now()
        let elapsed = ContinuousClock.now - before
        #expect(pacer.origin == open)
        #expect(now >= open && now <= open + elapsed)
        #expect(delay <= .seconds(60) && delay >= .seconds(60) - elapsed)
    }

    @Test func unanchoredMapsNothing() {
        var pacer = ReplayPacer(speed: 2)
        #expect(pacer.isPaced)
        #expect(pacer.origin == nil)
        #expect(pacer.dataTime(at: wall) == nil)
        #expect(pacer.wallTime(for: open) == nil)
        #expect(pacer.wallDelay(until: open + .seconds(60)) == .zero)
        #expect(pacer.now() == Timestamp(nanos: 0))
        pacer.anchor(data: open, wall: wall)
        pacer.anchor(data: Timestamp(hours: 10, minutes: 0, seconds: 0), wall: wall)  // the last anchor holds
        #expect(pacer.dataTime(at: wall + .seconds(1)) == Timestamp(hours: 10, minutes: 0, seconds: 2))
    }

    /// Speed 0 (and any speed that is not a positive finite number) is as fast as possible: no
    /// wall time maps, nothing waits, and the clock stays at its origin.
    @Test func unpacedSpeedsNeverWait() {
        for speed in [0, -1, .nan, .infinity, -.infinity] as [Double] {
            var pacer = ReplayPacer(origin: open, speed: speed)
            pacer.anchor(data: open, wall: wall)
            #expect(!pacer.isPaced)
            #expect(pacer.dataTime(at: wall + .seconds(1)) == nil)
            #expect(pacer.wallTime(for: open + .seconds(1)) == nil)
            #expect(pacer.wallDelay(until: open + .seconds(1)) == .zero)
            #expect(pacer.now() == open)
        }
    }
}
