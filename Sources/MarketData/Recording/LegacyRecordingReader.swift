import CZlib

/// Reads a version 1 recording, whose only checksum is a CRC-32 of all records at its end: a
/// damaged byte shows only after its events were returned. Only `RecordingConverter` uses it, to
/// rewrite such a file as version 2 (`fsd convert --data OLD.fsdr --out NEW.fsdr`), and keeps the
/// output only once the whole input read through to a matching end record.
///
/// A file that stops before its end record is an error at the end of the data unless
/// `allowUnfinished` is set; a file whose end record disagrees with what was read (event count,
/// checksum) is always an error.
final class LegacyRecordingReader: EventReader {
    let path: String
    let symbol: String
    let sessionDate: SessionDate
    let version: Int
    /// Events returned so far.
    @exclusivity(unchecked) private(set) var eventsRead = 0

    private let file: PosixFile
    private let allowUnfinished: Bool
    private let capacity = 1 << 20
    /// `capacity` bytes plus zero padding, so a record cut short by the end of the file decodes
    /// without reading past the buffer; the position check after it reports the truncation.
    private let buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    /// File offset of `buffer[0]`, for error messages.
    @exclusivity(unchecked) private var bufferOffset = 0
    @exclusivity(unchecked) private var fileEnded = false
    @exclusivity(unchecked) private var crc: uLong = crc32(0, nil, 0)
    @exclusivity(unchecked) private var crcStart = 0
    @exclusivity(unchecked) private var time: Int64 = 0
    @exclusivity(unchecked) private var price: Int64 = 0
    @exclusivity(unchecked) private var finished = false
    /// For `RecordingWriter(appendingTo:)`: stop quietly before a record cut short by the end of
    /// the file instead of reporting it.
    var recovering = false
    /// Where a writer continues after the last whole record (valid once `next()` returned nil).
    private(set) var continuation = Continuation(offset: 0, time: 0, price: 0, events: 0, crc: crc32(0, nil, 0))

    struct Continuation {
        /// File offset just after the last whole event record.
        var offset: Int
        var time: Int64
        var price: Int64
        var events: Int
        /// CRC-32 of the record bytes up to `offset`.
        var crc: uLong
    }
    @exclusivity(unchecked) private var failure: ReplayError?

    /// Opens `path` and reads its header.
    /// - Parameter allowUnfinished: end quietly at the last whole record of a file that has no end
    ///   record (a recording still being written, or one whose recorder crashed).
    init(path: String, allowUnfinished: Bool = false) throws {
        self.path = path
        self.allowUnfinished = allowUnfinished
        file = try PosixFile.openForReading(path, what: "recording")
        buffer = .allocate(capacity: capacity + RecordingFormat.maximumRecordLength)
        buffer.initialize(repeating: 0, count: capacity + RecordingFormat.maximumRecordLength)
        end = try file.readFully(into: buffer, count: capacity)
        fileEnded = end < capacity
        let header = try RecordingHeader(buffer, count: end, path: path)
        guard header.version == Int(RecordingFormat.legacyVersion) else {
            throw ReplayError(.invalidData, path: path, message: "not a version 1 recording (version \(header.version))")
        }
        version = header.version
        symbol = header.symbol
        sessionDate = header.sessionDate
        position = header.length
        crcStart = position
    }

    deinit { buffer.deallocate() }

    /// Decodes up to `buffer.count` events in one loop, the replay's fast path. Events before a bad
    /// record are returned first; the next call throws its error.
    func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        guard let out = buffer.baseAddress else { return 0 }
        var count = 0
        while count < buffer.count {
            count = decodeRun(into: out, from: count, limit: buffer.count)
            if count == buffer.count { break }
            // Refills, the end of the data, rare kinds and bad records: one record the careful way.
            do {
                guard let event = try next() else { break }
                (out + count).initialize(to: event)
                count &+= 1
            } catch where count > 0 {
                return count
            }
        }
        return count
    }

    /// Decodes depth and trade records while a longest record fits before `end`, so no record can
    /// be cut short and the word reads stay in the buffer; stops before anything else, leaving it
    /// to `next()`. Returns the new count.
    @inline(__always)
    private func decodeRun(into out: UnsafeMutablePointer<TimedEvent>, from start: Int, limit: Int) -> Int {
        let safeEnd = end &- RecordingFormat.maximumRecordLength
        guard position <= safeEnd else { return start }
        let last = buffer + safeEnd
        var cursor = buffer + position
        var time = self.time
        var price = self.price
        var count = start
        let maximumSize = UInt64(MarketLimits.maximumSize)
        records: while count < limit && cursor <= last {
            var next = cursor
            let tag = next.pointee
            next += 1
            let isDepth = tag & RecordingFormat.kindMask == RecordingFormat.kindDepth
            guard isDepth || tag & RecordingFormat.kindMask == RecordingFormat.kindTrade else { break }
            // The time delta, present in about half the records and 3 to 5 bytes long, would cost a
            // misprediction or two per record as branches: decoded from one word instead, and
            // skipped (zero length) when absent. Longer deltas take the loop.
            let hasTime = Int(tag >> 7)
            let word = UInt64(littleEndian: UnsafeRawPointer(next).loadUnaligned(as: UInt64.self))
            let stops = ~word & 0x8080_8080_8080_8080
            guard stops != 0 else { break }
            let timeBits = (stops.trailingZeroBitCount &+ 1) &* hasTime
            next += timeBits &>> 3
            let newTime = time &+ RecordingFormat.unzigzag(Self.packed(word, bits: timeBits))
            let newPrice = price &+ RecordingFormat.unzigzag(Self.varint(&next))
            guard newPrice.magnitude <= MarketLimits.maximumPriceRaw else { break }
            let event: MarketEvent
            if isDepth {
                guard let operation = DepthOperation(rawValue: (tag >> RecordingFormat.operationShift) & 0x03) else {
                    break records
                }
                let size = operation == .delete ? 0 : Self.varint(&next)
                guard size <= maximumSize else { break }
                let side: BookSide = tag & RecordingFormat.askBit != 0 ? .ask : .bid
                event = .depth(
                    DepthUpdate(side: side, price: Price(raw: newPrice), size: Int64(size), operation: operation))
            } else {
                let size = Self.varint(&next)
                guard size <= maximumSize,
                    let aggressor = Aggressor(rawValue: (tag >> RecordingFormat.aggressorShift) & 0x03)
                else { break }
                event = .trade(
                    Trade(
                        price: Price(raw: newPrice), size: Int64(size), aggressor: aggressor,
                        setsLast: tag & RecordingFormat.setsLastBit != 0))
            }
            (out + count).initialize(
                to: TimedEvent(
                    time: Timestamp(nanos: newTime), event: event, endsBatch: tag & RecordingFormat.endsBatchBit != 0))
            count &+= 1
            cursor = next
            time = newTime
            price = newPrice
        }
        position = cursor - buffer
        self.time = time
        self.price = price
        eventsRead &+= count &- start
        return count
    }

    func next() throws -> TimedEvent? {
        if end &- position < RecordingFormat.maximumRecordLength {
            if !fileEnded { try refill() }
            // After the end record or an error `position` is `end`, so this is the only check.
            if position >= end { return try finish() }
        }
        let recordStart = position
        let timeBefore = time
        let priceBefore = price
        var cursor = buffer + position
        let tag = cursor.pointee
        cursor += 1
        if tag & RecordingFormat.timeBit != 0 {
            time &+= RecordingFormat.unzigzag(Self.varint(&cursor))
        }
        let endsBatch = tag & RecordingFormat.endsBatchBit != 0
        let event: MarketEvent
        switch tag & RecordingFormat.kindMask {
        case RecordingFormat.kindDepth:
            price &+= RecordingFormat.unzigzag(Self.varint(&cursor))
            let operationBits = (tag >> RecordingFormat.operationShift) & 0x03
            guard let operation = DepthOperation(rawValue: operationBits) else {
                return try fail(at: recordStart, "a depth record has the unknown operation \(operationBits)")
            }
            let size = operation == .delete ? 0 : Int64(bitPattern: Self.varint(&cursor))
            guard UInt64(bitPattern: size) <= UInt64(MarketLimits.maximumSize) else {
                return try fail(at: recordStart, "a size of \(UInt64(bitPattern: size)) is above \(MarketLimits.maximumSize)")
            }
            let side: BookSide = tag & RecordingFormat.askBit != 0 ? .ask : .bid
            event = .depth(DepthUpdate(side: side, price: Price(raw: price), size: size, operation: operation))
        case RecordingFormat.kindTrade:
            price &+= RecordingFormat.unzigzag(Self.varint(&cursor))
            let size = Int64(bitPattern: Self.varint(&cursor))
            guard UInt64(bitPattern: size) <= UInt64(MarketLimits.maximumSize) else {
                return try fail(at: recordStart, "a size of \(UInt64(bitPattern: size)) is above \(MarketLimits.maximumSize)")
            }
            let aggressorBits = (tag >> RecordingFormat.aggressorShift) & 0x03
            guard let aggressor = Aggressor(rawValue: aggressorBits) else {
                return try fail(at: recordStart, "a trade record has the unknown aggressor \(aggressorBits)")
            }
            let setsLast = tag & RecordingFormat.setsLastBit != 0
            event = .trade(Trade(price: Price(raw: price), size: size, aggressor: aggressor, setsLast: setsLast))
        case RecordingFormat.kindQuote:
            price &+= RecordingFormat.unzigzag(Self.varint(&cursor))
            let bidSize = Int64(bitPattern: Self.varint(&cursor))
            let ask = price &+ RecordingFormat.unzigzag(Self.varint(&cursor))
            let askSize = Int64(bitPattern: Self.varint(&cursor))
            guard UInt64(bitPattern: bidSize) <= UInt64(MarketLimits.maximumSize),
                UInt64(bitPattern: askSize) <= UInt64(MarketLimits.maximumSize),
                ask.magnitude <= MarketLimits.maximumPriceRaw
            else { return try fail(at: recordStart, "a quote record is out of range") }
            event = .quote(Quote(bid: Price(raw: price), bidSize: bidSize, ask: Price(raw: ask), askSize: askSize))
        case RecordingFormat.kindBookReset:
            event = .bookReset
        case RecordingFormat.kindEnd where tag == RecordingFormat.kindEnd:
            try readEndRecord(at: recordStart)
            return nil
        default:
            return try fail(at: recordStart, "unknown record tag 0x\(String(tag, radix: 16))")
        }
        position = cursor - buffer
        guard position <= end else {
            guard recovering else { return try fail(at: recordStart, truncatedMessage(inRecord: true)) }
            // Drop the partial record: the data ends where it starts.
            position = recordStart
            end = recordStart
            time = timeBefore
            price = priceBefore
            return try finish()
        }
        guard price.magnitude <= MarketLimits.maximumPriceRaw else {
            return try fail(at: recordStart, "a price of \(price) units is beyond ±\(MarketLimits.maximumPriceRaw)")
        }
        eventsRead &+= 1
        return TimedEvent(time: Timestamp(nanos: time), event: event, endsBatch: endsBatch)
    }

    @inline(__always)
    private static func varint(_ cursor: inout UnsafeMutablePointer<UInt8>) -> UInt64 {
        let first = cursor.pointee
        cursor += 1
        if first < 0x80 { return UInt64(first) }
        var value = UInt64(first & 0x7f)
        var shift: UInt64 = 7
        while true {
            let byte = cursor.pointee
            cursor += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 || shift >= 63 { return value }
            shift += 7
        }
    }

    /// The 7-bit groups of the low `bits` bits (a multiple of 8, up to 64) of `word`, a little-endian
    /// varint: 0 for 0 bits.
    @inline(__always)
    private static func packed(_ word: UInt64, bits: Int) -> UInt64 {
        var value = bits == 0 ? 0 : word & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- bits))
        value &= 0x7f7f_7f7f_7f7f_7f7f
        value = (value & 0x007f_007f_007f_007f) | ((value & 0x7f00_7f00_7f00_7f00) &>> 1)
        value = (value & 0x0000_3fff_0000_3fff) | ((value & 0x3fff_0000_3fff_0000) &>> 2)
        return (value & 0x0000_0000_0fff_ffff) | ((value & 0x0fff_ffff_0000_0000) &>> 4)
    }

    /// Keeps the unread tail, reads more behind it and zeroes the padding after the data.
    private func refill() throws {
        crc = crc32(crc, buffer + crcStart, uInt(position - crcStart))
        let tail = end - position
        (buffer).update(from: buffer + position, count: tail)
        bufferOffset += position
        position = 0
        crcStart = 0
        let got: Int
        do {
            got = try file.readFully(into: buffer + tail, count: capacity - tail)
        } catch let error as ReplayError {
            // Kept, like bad data, so that a retry (a batch returning the events before it) throws
            // it again instead of decoding the moved bytes.
            failure = error
            fileEnded = true
            end = 0
            throw error
        }
        end = tail + got
        if end < capacity { fileEnded = true }
        (buffer + end).update(repeating: 0, count: capacity + RecordingFormat.maximumRecordLength - end)
    }

    private func readEndRecord(at start: Int) throws {
        guard end - start >= RecordingFormat.endRecordLength else {
            _ = try fail(at: start, truncatedMessage(inRecord: true))
            return
        }
        crc = crc32(crc, buffer + crcStart, uInt(start - crcStart))
        var count: UInt64 = 0
        for index in 0..<8 { count |= UInt64(buffer[start + 1 + index]) << (8 * UInt64(index)) }
        var storedCRC: UInt64 = 0
        for index in 0..<4 { storedCRC |= UInt64(buffer[start + 9 + index]) << (8 * UInt64(index)) }
        let magic = (0..<4).map { buffer[start + 13 + $0] }
        guard magic == RecordingFormat.endMagic else {
            _ = try fail(at: start, "the end record lacks its closing 'FSDE' marker: the file is damaged")
            return
        }
        guard count == UInt64(eventsRead) else {
            _ = try fail(at: start, "the end record counts \(count) events but \(eventsRead) were read: the file is damaged")
            return
        }
        guard storedCRC == UInt64(crc) else {
            _ = try fail(at: start, "the checksum of the events does not match the end record: the file is damaged")
            return
        }
        guard end - start == RecordingFormat.endRecordLength, fileEnded else {
            _ = try fail(at: start + RecordingFormat.endRecordLength, "unexpected bytes after the end record")
            return
        }
        continuation = Continuation(
            offset: bufferOffset + start, time: time, price: price, events: eventsRead, crc: crc)
        position = end
        finished = true
    }

    /// Called at the end of the bytes, after an end record or an error.
    private func finish() throws -> TimedEvent? {
        if let failure { throw failure }
        if finished { return nil }
        if allowUnfinished {
            crc = crc32(crc, buffer + crcStart, uInt(position - crcStart))
            crcStart = position
            continuation = Continuation(
                offset: bufferOffset + position, time: time, price: price, events: eventsRead, crc: crc)
            finished = true
            return nil
        }
        return try fail(at: position, truncatedMessage(inRecord: false))
    }

    private func truncatedMessage(inRecord: Bool) -> String {
        (inRecord ? "the file ends inside a record" : "the recording has no end record")
            + " after \(eventsRead) events: it was cut short or its recorder stopped before closing it"
            + " (`fsd convert --allow-unfinished` saves the events before the cut into a closed recording)"
    }

    private func fail(at offset: Int, _ message: String) throws -> TimedEvent? {
        let error = ReplayError(.invalidData, path: path, message: "at byte \(bufferOffset + offset): \(message)")
        failure = error
        // Every later call ends up in `finish()`, which throws this again.
        fileEnded = true
        position = end
        throw error
    }
}
