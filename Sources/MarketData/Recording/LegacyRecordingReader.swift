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

    /// Decodes the depth and trade records that fit before the end of the buffer (`RecordDecoder.decodeRun`);
    /// leaves anything else to `next()`. Returns the new count.
    @inline(__always)
    private func decodeRun(into out: UnsafeMutablePointer<TimedEvent>, from start: Int, limit: Int) -> Int {
        var position = self.position
        var time = self.time
        var price = self.price
        let count = RecordDecoder.decodeRun(
            buffer, position: &position, safeEnd: end &- RecordingFormat.maximumRecordLength, time: &time, price: &price,
            into: out, from: start, limit: limit)
        self.position = position
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
        switch RecordDecoder.decode(buffer, at: recordStart, time: time, price: price, legacy: true) {
        case .problem(let message):
            return try fail(at: recordStart, message)
        case .endRecord:
            try readEndRecord(at: recordStart)
            return nil
        case .event(let event, let endsBatch, let recordEnd, let newTime, let newPrice):
            guard recordEnd <= end else {
                guard recovering else { return try fail(at: recordStart, truncatedMessage(inRecord: true)) }
                // Drop the partial record: the data ends where it starts.
                position = recordStart
                end = recordStart
                return try finish()
            }
            position = recordEnd
            time = newTime
            price = newPrice
            guard price.magnitude <= MarketLimits.maximumPriceRaw else {
                return try fail(at: recordStart, "a price of \(price) units is beyond ±\(MarketLimits.maximumPriceRaw)")
            }
            eventsRead &+= 1
            return TimedEvent(time: Timestamp(nanos: time), event: event, endsBatch: endsBatch)
        }
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
