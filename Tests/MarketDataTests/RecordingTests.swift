import Foundation
import Testing

@testable import MarketData

/// The recording format: exact bytes, round trips, and damaged files.
@Suite struct RecordingTests {
    static let date = SessionDate(year: 2024, month: 3, day: 15)

    static let events: [TimedEvent] = [
        TimedEvent(
            time: Timestamp(nanos: 34_200_000_000_001),
            event: .depth(DepthUpdate(side: .bid, price: Price(cents: 100_00), size: 300, operation: .insert)),
            endsBatch: false),
        TimedEvent(
            time: Timestamp(nanos: 34_200_000_000_001),
            event: .depth(DepthUpdate(side: .ask, price: Price(cents: 100_02), size: 0, operation: .delete))),
        TimedEvent(
            time: Timestamp(nanos: 34_200_500_000_000),
            event: .trade(Trade(price: Price(raw: 1_000_150), size: 7, aggressor: .unknown, setsLast: false))),
        TimedEvent(
            time: Timestamp(nanos: 34_200_400_000_000),  // a live clock may step back; kept as written
            event: .quote(Quote(bid: Price(cents: 99_99), bidSize: 1, ask: Price(cents: 100_01), askSize: 1_000_000))),
        TimedEvent(time: Timestamp(nanos: 57_600_000_000_000), event: .bookReset),
        TimedEvent(
            time: Timestamp(nanos: 57_600_000_000_000),
            event: .trade(Trade(price: Price(raw: MarketLimits.maximumPriceRaw), size: 1, aggressor: .sell))),
    ]

    static func write(_ events: [TimedEvent], to path: String, close: Bool = true) throws -> RecordingWriter {
        let writer = try RecordingWriter(path: path, symbol: "TSLA", sessionDate: date)
        for event in events { try writer.append(event) }
        if close { try writer.close() } else { try writer.flush() }
        return writer
    }

    static func readAll(_ path: String, allowUnfinished: Bool = false) throws -> [TimedEvent] {
        let reader = try RecordingReader(path: path, allowUnfinished: allowUnfinished)
        var events: [TimedEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    @Test func writesTheDocumentedBytes() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("one.fsdr")
        let writer = try Self.write(Array(Self.events.prefix(2)), to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let header: [UInt8] =
            [0x46, 0x53, 0x44, 0x52, 0x0D, 0x0A, 0x1A, 0x0A]  // magic
            + [1, 0, 25, 0]  // version 1, header length 21 + 4
            + [0x10, 0x27, 0, 0]  // 10,000 units per dollar
            + [0xE8, 0x07, 3, 15]  // 2024-03-15
            + [4] + Array("TSLA".utf8)
        #expect(Array(bytes.prefix(25)) == header)
        // Bid insert: tag 0x81 (time follows, depth, bid, insert), zigzag time 34_200_000_000_001 ->
        // 68_400_000_000_002, zigzag price 1_000_000 -> 2_000_000, size 300.
        let first: [UInt8] = [0x81] + Self.leb128(68_400_000_000_002) + Self.leb128(2_000_000) + Self.leb128(300)
        // Ask delete, same time, ends the batch: tag 0x01 | 0x08 | 0x10 | 2 << 5 = 0x59; price +200 -> 400.
        let second: [UInt8] = [0x59] + Self.leb128(400)
        let records = first + second
        #expect(Array(bytes[25..<(25 + records.count)]) == records)
        let trailer = Array(bytes[(25 + records.count)...])
        #expect(trailer.count == 17)
        #expect(trailer[0] == 0 && trailer[1] == 2 && trailer[2..<9].allSatisfy { $0 == 0 })
        #expect(Array(trailer[13...]) == Array("FSDE".utf8))
        #expect(writer.bytesWritten == bytes.count)
    }

    static func leb128(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.append(UInt8(rest & 0x7f) | (rest >= 0x80 ? 0x80 : 0))
            rest >>= 7
        } while rest > 0
        return bytes
    }

    @Test func roundTripsEveryKindOfEvent() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("all.fsdr")
        _ = try Self.write(Self.events, to: path)
        #expect(try Self.readAll(path) == Self.events)
        let source = try ReplaySource.open(path: path)
        #expect(source.format == .recording && source.symbol == "TSLA" && source.sessionDate == Self.date)
    }

    @Test func roundTripsTheLobsterSampleExactly() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("goog.fsdr")
        let lobster = try ReplaySource.open(path: TestFiles.sampleMessages)
        let writer = try RecordingWriter(path: path, symbol: lobster.symbol, sessionDate: lobster.sessionDate)
        var original: [TimedEvent] = []
        while let event = try lobster.next() {
            original.append(event)
            try writer.append(event)
        }
        try writer.close()
        let reader = try RecordingReader(path: path)
        #expect(reader.symbol == "GOOG" && reader.sessionDate == SessionDate(year: 2012, month: 6, day: 21))
        var index = 0
        var firstDifference: Int?
        while let event = try reader.next() {
            if firstDifference == nil && (index >= original.count || original[index] != event) { firstDifference = index }
            index += 1
        }
        #expect(firstDifference == nil)
        #expect(index == original.count && index == 245_259)
        // Compact: about 5 bytes per event.
        #expect(writer.bytesWritten < 6 * 245_259)
    }

    @Test func unfinishedRecordingIsReportedUnlessAllowed() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("crashed.fsdr")
        let writer = try Self.write(Self.events, to: path, close: false)
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path) }
        #expect(
            "\(error)"
                == "\(path): error: at byte \(writer.bytesWritten): the recording has no end record after 6 events: "
                + "it was cut short or its recorder stopped before closing it (`fsd convert --allow-unfinished` "
                + "saves the events before the cut into a closed recording)")
        #expect(try Self.readAll(path, allowUnfinished: true) == Self.events)
    }

    @Test func cutInsideARecordIsAnErrorEvenWhenUnfinishedIsAllowed() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("cut.fsdr")
        _ = try Self.write(Self.events, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Drop the 17-byte end record and the last byte of the last trade.
        let cut = bytes.count - 18
        try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path, allowUnfinished: true) }
        #expect("\(error)".contains("the file ends inside a record after 5 events"))
    }

    @Test func damagedRecordsFailTheChecksum() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("flipped.fsdr")
        _ = try Self.write(Self.events, to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The last size byte of the first record: still decodes, to a different size.
        bytes[25 + 1 + 7 + 4] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path) }
        #expect("\(error)".hasSuffix("the checksum of the events does not match the end record: the file is damaged"))
    }

    @Test func refusesOtherFilesAndNewerVersions() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let text = try files.write("text.fsdr", "hello, world\n")
        let notRecording = try #require(throws: ReplayError.self) { try RecordingReader(path: text) }
        #expect(
            "\(notRecording)"
                == "\(text): error: not an FSDTrader recording: the file does not start with the FSDR marker")
        let path = files.path("future.fsdr")
        _ = try Self.write([], to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[8] = 2
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let newer = try #require(throws: ReplayError.self) { try RecordingReader(path: path) }
        #expect(
            "\(newer)"
                == "\(path): error: the recording has format version 2; this fsd reads version 1: "
                + "use the fsd that wrote it or a newer one")
    }

    @Test func writerRefusesBadInput() throws {
        let files = try TestFiles()
        defer { files.remove() }
        #expect(throws: ReplayError.self) {
            try RecordingWriter(path: files.path("x.fsdr"), symbol: "", sessionDate: Self.date)
        }
        let writer = try RecordingWriter(path: files.path("y.fsdr"), symbol: "TSLA", sessionDate: Self.date)
        let negative = TimedEvent(
            time: Timestamp(nanos: 1), event: .trade(Trade(price: Price(cents: 1), size: -5, aggressor: .buy)))
        let refused = try #require(throws: ReplayError.self) { try writer.append(negative) }
        #expect("\(refused)".hasSuffix("error: event 1 has a size of -5, outside 0...999999999"))
        let huge = TimedEvent(
            time: Timestamp(nanos: 1),
            event: .trade(Trade(price: Price(raw: MarketLimits.maximumPriceRaw + 1), size: 1, aggressor: .buy)))
        #expect(throws: ReplayError.self) { try writer.append(huge) }
        try writer.append(Self.events[0])
        try writer.close()
        // The refused event left nothing behind.
        #expect(try Self.readAll(files.path("y.fsdr")) == [Self.events[0]])
    }

    @Test func appendsToAClosedRecording() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("day.fsdr")
        _ = try Self.write(Array(Self.events.prefix(3)), to: path)
        let writer = try RecordingWriter(appendingTo: path)
        #expect(writer.symbol == "TSLA" && writer.sessionDate == Self.date && writer.eventCount == 3)
        for event in Self.events.dropFirst(3) { try writer.append(event) }
        try writer.close()
        #expect(try Self.readAll(path) == Self.events)
    }

    @Test func appendsAfterACrashDroppingTheCutRecord() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("crashed.fsdr")
        _ = try Self.write(Array(Self.events.prefix(4)), to: path, close: false)
        // The crash cut the next record after its tag and part of its time delta.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data([0x81, 0x80]))
        try handle.close()
        let writer = try RecordingWriter(appendingTo: path)
        #expect(writer.eventCount == 4)
        for event in Self.events.dropFirst(4) { try writer.append(event) }
        try writer.close()
        #expect(try Self.readAll(path) == Self.events)
    }

    @Test func refusesToAppendToADamagedRecording() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("damaged.fsdr")
        _ = try Self.write(Self.events, to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 5] ^= 0xff  // the stored checksum
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try RecordingWriter(appendingTo: path) }
        #expect("\(error)".hasSuffix("the checksum of the events does not match the end record: the file is damaged"))
    }
}
