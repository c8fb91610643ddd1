#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an FSDTrader recording (`.fsdr`, version 2) written by `RecordingWriter`.
///
/// Every block of records is checked against its CRC-32C before any of its events is returned, so
/// a damaged byte is an error naming the block and its byte offset, never a different replay. A file
/// that stops before its trailer (a recorder that crashed, a copy cut short) is an error at the end
/// of the data unless `allowUnfinished` is set, which ends at the last whole block; a trailer that
/// disagrees with what was read (events, blocks) is always an error. A version 1 file is refused
/// with the command that rewrites it.
public final class RecordingReader: EventReader {
    public let path: String
    public let symbol: String
    public let sessionDate: SessionDate
    public let version: Int
    /// Events returned so far.
    @exclusivity(unchecked) public private(set) var eventsRead = 0
    /// Blocks whose checksum was checked so far.
    @exclusivity(unchecked) public private(set) var blocksRead = 0

    private let file: PosixFile
    private let allowUnfinished: Bool
    /// Bytes the buffer holds: 1 MiB, or less for a smaller file, but always two whole blocks.
    private let capacity: Int
    /// `capacity` bytes plus zero padding, so that no record decode reads past the allocation
    /// whatever the bytes say; the block end check after each record reports what does not fit.
    private let buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    /// The end of the current (checked) block's records in `buffer`; `position == blockEnd` between blocks.
    @exclusivity(unchecked) private var blockEnd = 0
    /// Events the current block's header promises, and `eventsRead` when it began.
    @exclusivity(unchecked) private var blockEvents = 0
    @exclusivity(unchecked) private var blockFirstEvent = 0
    /// File offset of the current block's header, for messages.
    @exclusivity(unchecked) private var blockOffset = 0
    /// File offset of `buffer[0]`.
    @exclusivity(unchecked) private var bufferOffset = 0
    @exclusivity(unchecked) private var fileEnded = false
    @exclusivity(unchecked) private var time: Int64 = 0
    @exclusivity(unchecked) private var price: Int64 = 0
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var failure: ReplayError?
    /// For `RecordingWriter(appendingTo:)`: stop quietly before a block cut short by the end of the
    /// file instead of reporting it.
    var recovering = false
    /// Where a writer continues after the last whole block (valid once `next()` returned nil).
    private(set) var continuation = Continuation(offset: 0, time: 0, price: 0, events: 0, blocks: 0)

    struct Continuation {
        /// File offset just after the last whole block (where the trailer was, for a closed file).
        var offset: Int
        var time: Int64
        var price: Int64
        var events: Int
        var blocks: Int
    }

    /// Opens `path` and checks its header.
    /// - Parameter allowUnfinished: end quietly at the last whole block of a file that has no
    ///   trailer (a recording still being written, or one whose recorder crashed).
    public init(path: String, allowUnfinished: Bool = false) throws {
        self.path = path
        self.allowUnfinished = allowUnfinished
        file = try PosixFile.openForReading(path, what: "recording")
        // A small file gets a small buffer: clearing 1 MiB would cost more than reading it.
        let block = RecordingFormat.blockHeaderLength + RecordingFormat.maximumBlockPayload
        // One byte more than the file, so that the first read already sees its end.
        capacity = min(1 << 20, max((file.size() ?? (1 << 20)) + 1, 2 * block + RecordingFormat.trailerLength))
        buffer = .allocate(capacity: capacity + RecordingFormat.maximumRecordLength)
        end = try file.readFully(into: buffer, count: capacity)
        fileEnded = end < capacity
        // Zero padding after the data: a record read near the end stays inside the allocation.
        Self.clear(buffer + end, count: capacity + RecordingFormat.maximumRecordLength - end)
        let header: RecordingHeader
        do {
            header = try RecordingHeader(buffer, count: end, path: path)
        } catch {
            buffer.deallocate()
            throw error
        }
        guard header.version == Int(RecordingFormat.version) else {
            buffer.deallocate()
            throw Self.legacyError(path)
        }
        version = header.version
        symbol = header.symbol
        sessionDate = header.sessionDate
        position = header.length
        blockEnd = position
    }

    deinit { buffer.deallocate() }

    /// What a version 1 file is told.
    static func legacyError(_ path: String) -> ReplayError {
        ReplayError(
            .invalidData, path: path,
            message: "this recording has format version 1, whose records carry no block checksums "
                + "(a damaged byte would replay as different data); rewrite it as version \(RecordingFormat.version) "
                + "with `fsd convert --data \(path) --out NEW.fsdr` (it checks the old file's own checksum), or "
                + "convert its LOBSTER source again")
    }

    /// Decodes up to `buffer.count` events in one loop, the replay's fast path. Events before a bad
    /// block are returned first; the next call throws its error.
    public func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        guard let out = buffer.baseAddress else { return 0 }
        var count = 0
        while count < buffer.count {
            count = decodeRun(into: out, from: count, limit: buffer.count)
            if count == buffer.count { break }
            // Block boundaries, the end of the data, rare kinds and bad records: one record the careful way.
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

    /// Decodes the depth and trade records that fit before the end of the block (`RecordDecoder.decodeRun`);
    /// leaves anything else to `next()`. Returns the new count.
    @inline(__always)
    private func decodeRun(into out: UnsafeMutablePointer<TimedEvent>, from start: Int, limit: Int) -> Int {
        var position = self.position
        var time = self.time
        var price = self.price
        let count = RecordDecoder.decodeRun(
            buffer, position: &position, safeEnd: blockEnd &- RecordingFormat.maximumRecordLength, time: &time, price: &price,
            into: out, from: start, limit: limit)
        self.position = position
        self.time = time
        self.price = price
        eventsRead &+= count &- start
        return count
    }

    public func next() throws -> TimedEvent? {
        if let failure { throw failure }
        if position >= blockEnd {
            guard try openBlock() else { return nil }
        }
        let recordStart = position
        switch RecordDecoder.decode(buffer, at: recordStart, time: time, price: price, legacy: false) {
        case .problem(let message):
            return try fail(at: recordStart, message)
        case .endRecord:
            return try fail(at: recordStart, "unknown record tag 0x\(String(buffer[recordStart], radix: 16))")
        case .event(let event, let endsBatch, let recordEnd, let time, let price):
            guard recordEnd <= blockEnd else {
                return try fail(at: recordStart, "a record runs past the end of block \(blocksRead - 1): the file is damaged")
            }
            guard price.magnitude <= MarketLimits.maximumPriceRaw else {
                return try fail(at: recordStart, "a price of \(price) units is beyond ±\(MarketLimits.maximumPriceRaw)")
            }
            position = recordEnd
            self.time = time
            self.price = price
            eventsRead &+= 1
            return TimedEvent(time: Timestamp(nanos: time), event: event, endsBatch: endsBatch)
        }
    }

    // MARK: - Blocks

    /// Checks the block that starts at `position` and makes its records the current ones; false at
    /// the trailer (or, when allowed, at the end of an unfinished file).
    private func openBlock() throws -> Bool {
        if finished { return false }
        let index = blocksRead
        if index > 0, eventsRead &- blockFirstEvent != blockEvents {
            return try fail(
                block: index - 1, at: blockOffset,
                "its header counts \(blockEvents) events but its records hold \(eventsRead - blockFirstEvent): the file is damaged")
        }
        let start = position
        let available = try ensure(RecordingFormat.trailerLength)
        if available == 0 { return try endWithoutTrailer(at: start) }
        let marker = load32(at: start)
        if marker == RecordingFormat.trailerMarker && available >= 4 {
            try readTrailer()
            return false
        }
        guard available >= RecordingFormat.blockHeaderLength else { return try cutShort(block: index, at: start) }
        let payload = Int(marker)
        guard payload >= 1 && payload <= RecordingFormat.maximumBlockPayload else {
            return try fail(
                block: index, at: bufferOffset + start,
                "its length field says \(payload) bytes, not 1 to \(RecordingFormat.maximumBlockPayload): the file is damaged")
        }
        let total = RecordingFormat.blockHeaderLength + payload
        let got = try ensure(total)
        let blockStart = position  // `ensure` may have moved the bytes to the front of the buffer
        guard got >= total else { return try cutShort(block: index, at: blockStart) }
        let events = Int(load32(at: blockStart + 4))
        let stored = load32(at: blockStart + 8)
        var computed = CRC32C.update(0, littleEndian: UInt32(truncatingIfNeeded: index))
        computed = CRC32C.update(computed, buffer + blockStart, count: 8)
        computed = CRC32C.update(computed, buffer + blockStart + RecordingFormat.blockHeaderLength, count: payload)
        let offset = bufferOffset + blockStart
        guard stored == computed else {
            return try fail(
                block: index, at: offset,
                "bytes \(offset) to \(offset + total - 1) fail their CRC32C checksum (stored "
                    + "\(RecordingHeader.hex(stored)), computed \(RecordingHeader.hex(computed))): the file is damaged")
        }
        guard events >= 1 && events <= payload else {
            return try fail(block: index, at: offset, "its header counts \(events) events in \(payload) bytes: the file is damaged")
        }
        blocksRead = index + 1
        blockOffset = offset
        blockEvents = events
        blockFirstEvent = eventsRead
        position = blockStart + RecordingFormat.blockHeaderLength
        blockEnd = position + payload
        return true
    }

    /// Makes at least `count` bytes from `position` available when the file has them (moving the
    /// unread tail to the front of the buffer first); returns how many are.
    private func ensure(_ count: Int) throws -> Int {
        if end - position < count && !fileEnded {
            let tail = end - position
            buffer.update(from: buffer + position, count: tail)
            bufferOffset += position
            blockEnd -= position
            position = 0
            let got: Int
            do {
                got = try file.readFully(into: buffer + tail, count: capacity - tail)
            } catch let error as ReplayError {
                failure = error
                throw error
            }
            end = tail + got
            if end < capacity { fileEnded = true }
            Self.clear(buffer + end, count: capacity + RecordingFormat.maximumRecordLength - end)
        }
        return min(count, end - position)
    }

    private func readTrailer() throws {
        // One byte past the trailer, to see whether the file ends there (the buffer may end exactly
        // at the trailer's last byte with more of the file behind it).
        let available = try ensure(RecordingFormat.trailerLength + 1)
        let start = position
        let offset = bufferOffset + start
        guard available >= RecordingFormat.trailerLength else {
            _ = try refuse(at: start, "the file ends inside its trailer: it was cut short")
            return
        }
        let stored = load32(at: start + 16)
        let computed = CRC32C.update(0, buffer + start, count: 16)
        guard stored == computed else {
            _ = try fail(
                at: start,
                "the trailer fails its CRC32C checksum (stored \(RecordingHeader.hex(stored)), computed "
                    + "\(RecordingHeader.hex(computed))): the file is damaged")
            return
        }
        let events = Int(truncatingIfNeeded: UInt64(load32(at: start + 4)) | UInt64(load32(at: start + 8)) << 32)
        let blocks = Int(load32(at: start + 12))
        guard events == eventsRead, blocks == blocksRead else {
            _ = try fail(
                at: start,
                "the trailer counts \(events) events in \(blocks) blocks but \(eventsRead) events in \(blocksRead) "
                    + "blocks were read: the file is damaged (a block is missing or was added)")
            return
        }
        guard available == RecordingFormat.trailerLength else {
            _ = try refuse(at: start + RecordingFormat.trailerLength, "unexpected bytes after the trailer")
            return
        }
        continuation = Continuation(offset: offset, time: time, price: price, events: eventsRead, blocks: blocksRead)
        position = end
        blockEnd = end
        finished = true
    }

    /// The data ends where a block would start.
    private func endWithoutTrailer(at start: Int) throws -> Bool {
        guard allowUnfinished || recovering else { return try refuse(at: start, truncatedMessage(inBlock: false)) }
        continuation = Continuation(
            offset: bufferOffset + start, time: time, price: price, events: eventsRead, blocks: blocksRead)
        finished = true
        return false
    }

    /// The data ends inside a block: its events cannot be checked, so they are dropped when
    /// recovering (or converting an unfinished file) and an error otherwise.
    private func cutShort(block index: Int, at start: Int) throws -> Bool {
        guard allowUnfinished || recovering else {
            return try fail(block: index, at: bufferOffset + start, truncatedMessage(inBlock: true))
        }
        end = start
        return try endWithoutTrailer(at: start)
    }

    private func truncatedMessage(inBlock: Bool) -> String {
        (inBlock ? "the file ends inside this block" : "the recording has no trailer")
            + " after \(eventsRead) events in \(blocksRead) block\(blocksRead == 1 ? "" : "s"): it was cut short or its recorder stopped before "
            + "closing it (`fsd convert --allow-unfinished` saves the whole blocks before the cut into a closed recording)"
    }

    private static func clear(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        memset(bytes, 0, count)
    }

    @inline(__always)
    private func load32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(buffer + offset).loadUnaligned(as: UInt32.self))
    }

    // MARK: - Errors

    private func fail(block index: Int, at offset: Int, _ message: String) throws -> Bool {
        let error = ReplayError(.invalidData, path: path, message: "at byte \(offset): block \(index): \(message)")
        stop(error)
        throw error
    }

    private func fail(at position: Int, _ message: String) throws -> TimedEvent? {
        let error = ReplayError(.invalidData, path: path, message: "at byte \(bufferOffset + position): \(message)")
        stop(error)
        throw error
    }

    private func refuse(at position: Int, _ message: String) throws -> Bool {
        let _: TimedEvent? = try fail(at: position, message)
        return false
    }

    /// Every later call throws `error` again.
    private func stop(_ error: ReplayError) {
        failure = error
        fileEnded = true
        position = end
        blockEnd = end
    }
}
