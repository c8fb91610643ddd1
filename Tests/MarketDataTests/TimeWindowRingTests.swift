import Testing

@testable import MarketData

@Suite struct TimeWindowRingTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(nanos: seconds * 1_000_000_000) }

    @Test func keepsTheTrailingWindowOpenAtItsStart() {
        var ring = TimeWindowRing<Int>(window: .seconds(5))
        for second in 1...7 { ring.append(second * 10, at: Self.at(Int64(second))) }
        var expired: [Int] = []
        // Window (10 s - 5 s, 10 s]: the entry at exactly 5 s is out.
        ring.advance(to: Self.at(10)) { value, _ in expired.append(value) }
        #expect(expired == [10, 20, 30, 40, 50])
        #expect(ring.map(\.value) == [60, 70])
        #expect(ring.newest?.value == 70 && ring.oldest?.time == Self.at(6))
        #expect(ring[newestFirst: 1].value == 60)
    }

    @Test func reusesItsStorageAcrossASession() {
        var ring = TimeWindowRing<Int>(window: .seconds(10))
        // A whole "day" of one entry per second never holds more than the window.
        for second in 0..<20_000 {
            ring.append(second, at: Self.at(Int64(second)))
            ring.advance(to: Self.at(Int64(second)))
        }
        #expect(ring.count == 10)
        #expect(ring.capacity <= 16)
        #expect(ring.map(\.value) == Array(19_990..<20_000))
    }

    @Test func wrapsAroundAndGrowsInOrder() {
        var ring = TimeWindowRing<Int>(window: .seconds(100))
        for value in 0..<4 { ring.append(value, at: Self.at(Int64(value))) }
        ring.advance(to: Self.at(101))  // drops 0 and 1
        for value in 4..<9 { ring.append(value, at: Self.at(Int64(value))) }  // wraps, then grows
        #expect(ring.map(\.value) == [2, 3, 4, 5, 6, 7, 8])
        ring.removeAll()
        #expect(ring.isEmpty && ring.newest == nil)
    }
}

@Suite struct TradeWindowTests {
    @Test func keepsRunningTotalsByAggressor() {
        var window = TradeWindow(window: .seconds(1))
        let price = Price(cents: 100_00)
        window.append(Trade(price: price, size: 100, aggressor: .buy), at: Timestamp(nanos: 0))
        window.append(Trade(price: price, size: 30, aggressor: .sell), at: Timestamp(nanos: 500_000_000))
        window.append(Trade(price: price, size: 5, aggressor: .unknown), at: Timestamp(nanos: 900_000_000))
        #expect(window.count == 3 && window.volume == 135 && window.delta == 70)
        // At 1.0 s the buy at 0 s leaves (the window is (0, 1]).
        window.advance(to: Timestamp(nanos: 1_000_000_000))
        #expect(window.count == 2 && window.volume == 35 && window.buyVolume == 0 && window.sellVolume == 30)
        #expect(window.delta == -30)
        window.advance(to: Timestamp(nanos: 2_000_000_000))
        #expect(window.count == 0 && window.volume == 0 && window.delta == 0)
    }
}
