import Foundation
import Testing

@testable import MarketData

/// `RecordingReader.read(into:)`, the word-at-a-time decoder behind every replay of a recording:
/// it must yield exactly what `next()` yields, whatever the records' shapes, and never drop the
/// events before a bad record.
@Suite struct RecordingBatchTests {
    /// Events of every kind and field width, from a fixed pseudo-random sequence: time deltas of
    /// 0 to 10 varint bytes (backwards too), prices up to the limits, sizes up to the maximum.
    static func mixedEvents(count: Int) -> [TimedEvent] {
        var state: UInt64 = 7
        func random(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 11) % bound
        }
        let widths: [UInt64] = [1, 1 << 7, 1 << 14, 1 << 21, 1 << 35, 1 << 56, UInt64(Int64.max)]
        var time: Int64 = 34_200_000_000_000
        var events: [TimedEvent] = []
        for index in 0..<count {
            switch random(4) {
            case 0: break
            case 1: time &+= Int64(random(1_000_000))
            case 2: time = Int64(bitPattern: random(UInt64.max)) &- Int64.max / 2
            default: time &-= Int64(random(widths[Int(random(UInt64(widths.count)))]))
            }
            let priceRaw: Int64 =
                random(8) == 0
                ? (random(2) == 0 ? MarketLimits.maximumPriceRaw : -MarketLimits.maximumPriceRaw)
                : 580_0000 + Int64(random(20_000)) - 10_000
            let size = random(10) == 0 ? MarketLimits.maximumSize : Int64(random(widths[Int(random(4))]))
            let event: MarketEvent
            switch random(20) {
            case 0: event = .bookReset
            case 1:
                event = .quote(
                    Quote(bid: Price(raw: priceRaw / 2), bidSize: size, ask: Price(raw: priceRaw / 2 + 100), askSize: 7))
            case 2, 3:
                let aggressor = Aggressor.allCases[Int(random(3))]
                event = .trade(Trade(price: Price(raw: priceRaw), size: size, aggressor: aggressor, setsLast: random(2) == 0))
            default:
                let operation = DepthOperation.allCases[Int(random(3))]
                event = .depth(
                    DepthUpdate(
                        side: random(2) == 0 ? .bid : .ask, price: Price(raw: priceRaw),
                        size: operation == .delete ? 0 : size, operation: operation))
            }
            events.append(TimedEvent(time: Timestamp(nanos: time), event: event, endsBatch: index % 3 != 0))
        }
        return events
    }

    static func readInBatches(_ path: String, batch: Int) throws -> [TimedEvent] {
        let reader = try RecordingReader(path: path)
        let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: batch)
        defer { buffer.deallocate() }
        var events: [TimedEvent] = []
        while true {
            let count = try reader.read(into: buffer)
            if count == 0 { break }
            events += buffer[..<count]
        }
        return events
    }

    @Test func batchesDecodeEveryShapeOfRecordAsWritten() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("mixed.fsdr")
        let events = Self.mixedEvents(count: 20_000)
        _ = try RecordingTests.write(events, to: path)
        #expect(try RecordingTests.readAll(path) == events)
        for batch in [1, 7, 256, 50_000] {
            #expect(try Self.readInBatches(path, batch: batch) == events, "batch \(batch)")
        }
        let source = try ReplaySource.open(path: path)
        var replayed: [TimedEvent] = []
        while let event = try source.next() { replayed.append(event) }
        #expect(replayed == events)
    }

    @Test func eventsBeforeABadRecordComeFirstThenItsError() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("bad.fsdr")
        // Bid updates at one price and time: each record is a tag, a zero price delta and a size.
        let update = TimedEvent(
            time: Timestamp(nanos: 1), event: .depth(DepthUpdate(side: .bid, price: Price(cents: 1), size: 5, operation: .update)))
        _ = try RecordingTests.write(Array(repeating: update, count: 300), to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // After the 29-byte header and the first block's 12-byte header, record 0 takes 5 bytes
        // (tag, time, a 2-byte price, size) and every later one 3 (tag, price delta 0, size).
        // Record 200 gets the unknown operation 3, and the block a checksum that agrees (a
        // writer's bug, which no checksum catches).
        let bad = 29 + 12 + 5 + 3 * 199
        #expect(bytes[bad] == 0x29)
        bytes[bad] |= 0x60
        try Data(RecordingBytes.reseal(bytes)).write(to: URL(fileURLWithPath: path))

        let reader = try RecordingReader(path: path)
        let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 256)
        defer { buffer.deallocate() }
        #expect(try reader.read(into: buffer) == 200)
        #expect(buffer[199] == update)
        let error = try #require(throws: ReplayError.self) { try reader.read(into: buffer) }
        #expect("\(error)".hasSuffix("at byte \(bad): a depth record has the unknown operation 3"))
        let again = try #require(throws: ReplayError.self) { try reader.next() }
        #expect(again == error)

        let source = try ReplaySource.open(path: path)
        var count = 0
        let replayError = try #require(throws: ReplayError.self) {
            while try source.next() != nil { count += 1 }
        }
        #expect(count == 200 && replayError == error)
    }
}
