import MarketData
import StateVector
import Testing

@testable import Analytics

/// `Ring` and `RingBuffer`, the queues under every trailing window, and the value semantics the
/// engine keeps on top of them (a copy of an engine is an independent fork of the replay).
@Suite struct RingTests {
    @Test func wrapsAndGrowsKeepingOrder() {
        let ring = Ring<Int>(capacity: 3)  // rounded up to 4 slots
        for value in 1...4 { ring.append(value) }
        #expect(ring.removeFirst() == 1 && ring.removeFirst() == 2)
        ring.append(5)
        ring.append(6)  // wrapped: slots hold 5 6 3 4
        ring.append(7)  // full while wrapped: grows to 8 slots
        #expect((0..<ring.count).map { ring[$0] } == [3, 4, 5, 6, 7])
        #expect(ring.first == 3 && ring.last == 7)
        ring.updateLast { $0 += 10 }
        #expect(ring.removeLast() == 17 && ring.count == 4)
        ring.removeAll()
        #expect(ring.isEmpty && ring.first == nil && ring.removeFirst() == nil && ring.removeLast() == nil)
    }

    @Test func ringBufferCopiesAreIndependent() {
        var original = RingBuffer<Int>(capacity: 4)
        for value in 1...3 { original.append(value) }
        var copy = original
        copy.append(4)
        copy[0] = 100
        original.removeFirst()
        #expect((0..<original.count).map { original[$0] } == [2, 3])
        #expect((0..<copy.count).map { copy[$0] } == [100, 2, 3, 4])
        let third = copy
        copy.removeAll()
        #expect(copy.isEmpty && third.count == 4 && third.last == 4)
    }

    /// A fork taken mid-day and the original continued separately end where one replay ends, and
    /// the original's later events leave the fork's windows as they were at the fork.
    @Test func aCopiedEngineIsAnIndependentFork() throws {
        let source = try ReplaySource.open(path: RawMessages.googSample)
        var events: [TimedEvent] = []
        while let event = try source.next() { events.append(event) }
        let forkAt = 120_000
        var original = FeatureEngine(symbol: "GOOG")
        for event in events[..<forkAt] { original.apply(event) }
        var reference = original
        var fork = original
        for event in events[forkAt...] { original.apply(event) }
        let forkTime = events[forkAt - 1].time
        #expect(fork.marketState(at: forkTime) == reference.marketState(at: forkTime))
        #expect(fork.marketState(at: forkTime).tapeVelocityTPS > 0)
        for event in events[forkAt...] { fork.apply(event) }
        let end = events[events.count - 1].time
        #expect(fork.marketState(at: end) == original.marketState(at: end))
        #expect(fork.eventCount == events.count && reference.eventCount == forkAt)
    }
}
