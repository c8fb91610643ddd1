import Testing

@testable import IBKR

@Suite struct PacingLimiterTests {
    @Test func aBurstIsPacedBelowFiftyPerSecond() {
        var limiter = PacingLimiter(messagesPerSecond: 45, burst: 4)
        let start: Int64 = 1_000_000_000
        let times = (0..<200).map { _ in limiter.reserve(at: start) }
        // The first four go at once, then one every 1/45 s.
        #expect(times.prefix(4).allSatisfy { $0 == start })
        #expect(times[4] == start + 22_222_222)
        #expect(times[199] == start + 196 * 22_222_222)
        // Never more than 49 in any one-second window.
        for (index, time) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < time + 1_000_000_000 }.count
            #expect(inWindow <= 49)
        }
    }

    @Test func idleTimeRefillsOnlyUpToTheBurst() {
        var limiter = PacingLimiter(messagesPerSecond: 10, burst: 2)
        #expect(limiter.reserve(at: 0) == 0)
        #expect(limiter.reserve(at: 0) == 0)
        #expect(limiter.reserve(at: 0) == 100_000_000)
        // Ten seconds idle: two go at once again, not a hundred.
        #expect(limiter.reserve(at: 10_000_000_000) == 10_000_000_000)
        #expect(limiter.reserve(at: 10_000_000_000) == 10_000_000_000)
        #expect(limiter.reserve(at: 10_000_000_000) == 10_100_000_000)
    }

    @Test func backoffDoublesToTheCap() {
        let policy = ReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(5))
        #expect((1...5).map { policy.delay(attempt: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }
}
