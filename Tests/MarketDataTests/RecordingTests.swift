import CZlib
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
        var header: [UInt8] =
            [0x46, 0x53, 0x44, 0x52, 0x0D, 0x0A, 0x1A, 0x0A]  // magic
            + [2, 0, 29, 0]  // version 2, header length 21 + 4 + 4
            + [0x10, 0x27, 0, 0]  // 10,000 units per dollar
            + [0xE8, 0x07, 3, 15]  // 2024-03-15
            + [4] + Array("TSLA".utf8)
        header += Self.littleEndian(CRC32C.checksum(header))
        #expect(Array(bytes.prefix(29)) == header)
        // Bid insert: tag 0x81 (time follows, depth, bid, insert), zigzag time 34_200_000_000_001 ->
        // 68_400_000_000_002, zigzag price 1_000_000 -> 2_000_000, size 300.
        let first: [UInt8] = [0x81] + Self.leb128(68_400_000_000_002) + Self.leb128(2_000_000) + Self.leb128(300)
        // Ask delete, same time, ends the batch: tag 0x01 | 0x08 | 0x10 | 2 << 5 = 0x59; price +200 -> 400.
        let second: [UInt8] = [0x59] + Self.leb128(400)
        let records = first + second
        // One block: its length, 2 events, the CRC-32C of index 0, those 8 bytes and the records.
        let fields = Self.littleEndian(UInt32(records.count)) + Self.littleEndian(2)
        let blockCRC = CRC32C.update(CRC32C.update(CRC32C.update(0, [0, 0, 0, 0]), fields), records)
        let block = fields + Self.littleEndian(blockCRC) + records
        #expect(Array(bytes[29..<(29 + block.count)]) == block)
        // The trailer: 'FSDE', 2 events (8 bytes), 1 block, its own CRC-32C.
        let trailerFields = Array("FSDE".utf8) + [2, 0, 0, 0, 0, 0, 0, 0] + Self.littleEndian(1)
        let trailer = trailerFields + Self.littleEndian(CRC32C.checksum(trailerFields))
        #expect(Array(bytes[(29 + block.count)...]) == trailer)
        #expect(writer.bytesWritten == bytes.count)
        #expect(bytes.count == 29 + 12 + records.count + 20)
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
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
                == "\(path): error: at byte \(writer.bytesWritten): the recording has no trailer after 6 events in 1 "
                + "block: it was cut short or its recorder stopped before closing it (`fsd convert --allow-unfinished` "
                + "saves the whole blocks before the cut into a closed recording)")
        #expect(try Self.readAll(path, allowUnfinished: true) == Self.events)
    }

    @Test func aBlockCutShortIsAnErrorAndDroppedWhenUnfinishedIsAllowed() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("cut.fsdr")
        let writer = try RecordingWriter(path: path, symbol: "TSLA", sessionDate: Self.date)
        for event in Self.events.prefix(3) { try writer.append(event) }
        try writer.flush()  // block 0: three events
        for event in Self.events.dropFirst(3) { try writer.append(event) }
        try writer.close()  // block 1: three more, then the trailer
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Drop the 20-byte trailer and the last byte of block 1.
        try bytes.prefix(bytes.count - 21).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path) }
        let blockOne = try #require(Self.blockOffsets(Array(bytes)).dropFirst().first)
        #expect(
            "\(error)"
                == "\(path): error: at byte \(blockOne): block 1: the file ends inside this block after 3 events in 1 "
                + "block: it was cut short or its recorder stopped before closing it (`fsd convert --allow-unfinished` "
                + "saves the whole blocks before the cut into a closed recording)")
        // The cut block's events were never checked: none of them is returned.
        #expect(try Self.readAll(path, allowUnfinished: true) == Array(Self.events.prefix(3)))
    }

    /// Where each block starts.
    static func blockOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var offset = RecordingBytes.headerLength(bytes)
        while offset + 4 <= bytes.count, RecordingBytes.load32(bytes, offset) != RecordingFormat.trailerMarker {
            offsets.append(offset)
            offset += 12 + Int(RecordingBytes.load32(bytes, offset))
        }
        return offsets
    }

    @Test func oneFlippedByteIsAnErrorNamingItsBlockAndOffset() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("flipped.fsdr")
        _ = try Self.write(Self.events, to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The last size byte of the first record: it would still decode, to a different size.
        bytes[29 + 12 + 1 + 7 + 4] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try RecordingReader(path: path)
        let error = try #require(throws: ReplayError.self) { try reader.next() }
        let end = bytes.count - 20 - 1
        #expect(
            "\(error)".hasPrefix(
                "\(path): error: at byte 29: block 0: bytes 29 to \(end) fail their CRC32C checksum (stored 0x"))
        #expect("\(error)".hasSuffix("): the file is damaged"))
        // Not one event of the damaged block came out.
        #expect(reader.eventsRead == 0)
    }

    @Test func aDamagedHeaderIsRefusedBeforeAnyEvent() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("header.fsdr")
        _ = try Self.write(Self.events, to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[22] ^= 0x20  // TSLA -> TsLA
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try RecordingReader(path: path) }
        #expect("\(error)".hasPrefix("\(path): error: at byte 0: the recording header (bytes 0 to 28) fails its CRC32C checksum"))
    }

    @Test func aBlockDroppedOrRepeatedFailsItsIndex() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = files.path("spliced.fsdr")
        let writer = try RecordingWriter(path: path, symbol: "TSLA", sessionDate: Self.date)
        for (index, event) in Self.events.enumerated() {
            try writer.append(event)
            if index % 2 == 1 { try writer.flush() }  // three blocks of two events
        }
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let offsets = Self.blockOffsets(bytes)
        #expect(offsets.count == 3)
        // Block 1 removed: block 2 now sits where block 1 was, and its checksum names index 2.
        let spliced = Array(bytes[..<offsets[1]]) + Array(bytes[offsets[2]...])
        try Data(spliced).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path) }
        #expect("\(error)".contains("error: at byte \(offsets[1]): block 1: bytes \(offsets[1]) to "))
        #expect("\(error)".contains("fail their CRC32C checksum"))
    }

    @Test func aVersion1FileIsRefusedAndConvertRewritesIt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let old = try files.write("old.fsdr", Self.version1(Self.events))
        let refused = try #require(throws: ReplayError.self) { try ReplaySource.open(path: old) }
        #expect(
            "\(refused)"
                == "\(old): error: this recording has format version 1, whose records carry no block checksums (a "
                + "damaged byte would replay as different data); rewrite it as version 2 with `fsd convert --data "
                + "\(old) --out NEW.fsdr` (it checks the old file's own checksum), or convert its LOBSTER source again")
        let new = files.path("new.fsdr")
        let outcome = try RecordingConverter(input: old, output: new).convert()
        #expect(outcome.upgradedFromVersion1 && outcome.verified && outcome.events == Self.events.count)
        #expect(try Self.readAll(new) == Self.events)
        // A damaged version 1 file is not rewritten: its own CRC-32 fails at its end.
        var damaged = Self.version1(Self.events)
        damaged[25 + 1 + 7 + 4] ^= 0x01
        let bad = try files.write("bad-old.fsdr", damaged)
        let error = try #require(throws: ReplayError.self) {
            try RecordingConverter(input: bad, output: files.path("never.fsdr")).convert()
        }
        #expect("\(error)".hasSuffix("the checksum of the events does not match the end record: the file is damaged"))
        #expect(!FileManager.default.fileExists(atPath: files.path("never.fsdr")))
    }

    /// `events` as the version 1 writer wrote them: header, records, end record with zlib's CRC-32.
    static func version1(_ events: [TimedEvent]) -> [UInt8] {
        var bytes: [UInt8] = [0x46, 0x53, 0x44, 0x52, 0x0D, 0x0A, 0x1A, 0x0A, 1, 0, 25, 0, 0x10, 0x27, 0, 0, 0xE8, 0x07, 3, 15, 4]
        bytes += Array("TSLA".utf8)
        let records = version1Records(events)
        bytes += records
        bytes += [0] + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(events.count) >> (8 * UInt64($0))) }
        let crc = records.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        bytes += littleEndian(crc) + Array("FSDE".utf8)
        return bytes
    }

    /// Version 1's records are version 2's, without the blocks: copied out of a version 2 file.
    static func version1Records(_ events: [TimedEvent]) -> [UInt8] {
        let files = try? TestFiles()
        defer { files?.remove() }
        guard let path = files?.path("v2.fsdr"), (try? write(events, to: path)) != nil,
            let data = try? Data(contentsOf: URL(fileURLWithPath: path))
        else { return [] }
        let bytes = [UInt8](data)
        return blockOffsets(bytes).flatMap { offset in
            Array(bytes[(offset + 12)..<(offset + 12 + Int(RecordingBytes.load32(bytes, offset)))])
        }
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
        bytes[8] = 3
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let newer = try #require(throws: ReplayError.self) { try RecordingReader(path: path) }
        #expect(
            "\(newer)"
                == "\(path): error: the recording has format version 3; this fsd reads version 2: "
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
        bytes[29 + 12 + 3] ^= 0x10  // a record of the only block
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReplayError.self) { try RecordingWriter(appendingTo: path) }
        #expect("\(error)".contains("error: at byte 29: block 0: bytes 29 to "))
        #expect("\(error)".hasSuffix("): the file is damaged"))
    }
}
