/// Writes an FSDTrader recording (`.fsdr`): a compact binary log of timed market events for replay,
/// fed by `fsd convert` or live by `fsd record`.
///
/// Events are gathered into blocks of at most 64 KiB of records, each sealed with its CRC-32C, and
/// written when the buffer fills or on `flush()` (which seals the block in progress); call `flush()`
/// as often as losing the last events in a crash would matter (e.g. every second live). Only
/// `close()` writes the trailer: a file without it reads as unfinished, so a crash is never
/// mistaken for a complete session.
public final class RecordingWriter {
    public let path: String
    public let symbol: String
    public let sessionDate: SessionDate
    /// Events appended so far.
    public private(set) var eventCount = 0
    /// Bytes handed to the file so far, header included.
    public private(set) var bytesWritten = 0

    private let file: PosixFile
    private let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Bytes in `buffer`: sealed blocks, then the block in progress from `blockStart`.
    private var count = 0
    /// Where the block in progress starts in `buffer` (its header, filled in when it is sealed).
    private var blockStart = 0
    private var blockEventCount = 0
    /// Blocks sealed so far, in the file and in the buffer.
    private var blocks = 0
    private var time: Int64 = 0
    private var price: Int64 = 0
    private var closed = false

    /// Creates (or replaces) `path` and writes the header.
    /// - Throws: `ReplayError` if the symbol is empty, not ASCII or longer than 64 bytes, the date is
    ///   not a calendar day, or the file cannot be created.
    public init(path: String, symbol: String, sessionDate: SessionDate) throws {
        let symbolBytes = Array(symbol.utf8)
        guard !symbolBytes.isEmpty, symbolBytes.count <= RecordingFormat.maximumSymbolLength,
            symbolBytes.allSatisfy({ $0 > 32 && $0 < 127 })
        else {
            throw ReplayError(
                .invalidData, path: path,
                message: "the symbol '\(symbol)' must be 1 to \(RecordingFormat.maximumSymbolLength) printable ASCII characters")
        }
        guard sessionDate.isValid else {
            throw ReplayError(
                .invalidData, path: path, message: "the session date \(sessionDate) is not a calendar day (years 1 to 9999)")
        }
        self.path = path
        self.symbol = symbol
        self.sessionDate = sessionDate
        file = try PosixFile.create(path)
        buffer = .allocate(capacity: capacity)
        var header = RecordingFormat.magic
        let headerLength = RecordingFormat.fixedHeaderLength + symbolBytes.count + RecordingFormat.headerChecksumLength
        Self.appendLittleEndian(UInt64(RecordingFormat.version), bytes: 2, to: &header)
        Self.appendLittleEndian(UInt64(headerLength), bytes: 2, to: &header)
        Self.appendLittleEndian(UInt64(Price.scale), bytes: 4, to: &header)
        Self.appendLittleEndian(UInt64(sessionDate.year), bytes: 2, to: &header)
        header.append(UInt8(sessionDate.month))
        header.append(UInt8(sessionDate.day))
        header.append(UInt8(symbolBytes.count))
        header += symbolBytes
        Self.appendLittleEndian(UInt64(CRC32C.checksum(header)), bytes: 4, to: &header)
        try file.write(header)
        bytesWritten = header.count
    }

    /// Opens an existing recording to add events to it, e.g. when `fsd record` restarts during the
    /// session. A closed recording loses its trailer; an unfinished one (its recorder crashed)
    /// loses only a block cut short at its end (its events were never checked). `close()` writes a
    /// new trailer over everything.
    /// - Throws: `ReplayError` if the file is missing, not a recording, or damaged before its end.
    public init(appendingTo path: String) throws {
        let reader = try RecordingReader(path: path, allowUnfinished: true)
        reader.recovering = true
        while try reader.next() != nil {}
        let point = reader.continuation
        self.path = path
        symbol = reader.symbol
        sessionDate = reader.sessionDate
        file = try PosixFile.openForWriting(path)
        try file.truncate(to: point.offset)
        buffer = .allocate(capacity: capacity)
        eventCount = point.events
        bytesWritten = point.offset
        blocks = point.blocks
        time = point.time
        price = point.price
    }

    deinit {
        // Keep what was appended, but without the trailer: the file reads as unfinished.
        if !closed { try? flush() }
        buffer.deallocate()
    }

    /// Appends one event.
    /// - Throws: `ReplayError` after `close()`, for a negative size, or when the disk write fails.
    public func append(_ event: TimedEvent) throws {
        guard !closed else {
            throw ReplayError(.invalidData, path: path, message: "the recording is closed; events cannot be appended")
        }
        if let problem = Self.outOfRange(event.event) {
            throw ReplayError(.invalidData, path: path, message: "event \(eventCount + 1) \(problem)")
        }
        if blockEventCount > 0,
            count - blockStart - RecordingFormat.blockHeaderLength
                > RecordingFormat.maximumBlockPayload - RecordingFormat.maximumRecordLength
        {
            sealBlock()
        }
        if count > capacity - RecordingFormat.maximumRecordLength - RecordingFormat.blockHeaderLength { try flush() }
        if blockEventCount == 0 {
            // The header of a new block, filled in when it is sealed.
            blockStart = count
            count += RecordingFormat.blockHeaderLength
        }
        var tag: UInt8 = event.endsBatch ? RecordingFormat.endsBatchBit : 0
        let timeDelta = event.time.nanos &- time
        if timeDelta != 0 { tag |= RecordingFormat.timeBit }
        let tagPosition = count
        count += 1
        if timeDelta != 0 {
            putVarint(RecordingFormat.zigzag(timeDelta))
            time = event.time.nanos
        }
        switch event.event {
        case .depth(let update):
            tag |= RecordingFormat.kindDepth | (update.side == .ask ? RecordingFormat.askBit : 0)
            tag |= update.operation.rawValue << RecordingFormat.operationShift
            putPrice(update.price.raw)
            if update.operation != .delete { putSize(update.size) }
        case .trade(let trade):
            tag |= RecordingFormat.kindTrade | (trade.aggressor.rawValue << RecordingFormat.aggressorShift)
            if trade.setsLast { tag |= RecordingFormat.setsLastBit }
            putPrice(trade.price.raw)
            putSize(trade.size)
        case .quote(let quote):
            tag |= RecordingFormat.kindQuote
            putPrice(quote.bid.raw)
            putSize(quote.bidSize)
            putVarint(RecordingFormat.zigzag(quote.ask.raw &- quote.bid.raw))
            putSize(quote.askSize)
        case .bookReset:
            tag |= RecordingFormat.kindBookReset
        }
        buffer[tagPosition] = tag
        eventCount += 1
        blockEventCount += 1
    }

    /// Fills in the header of the block in progress: length, events, and the CRC-32C of its index,
    /// those two fields and its records.
    private func sealBlock() {
        let payload = count - blockStart - RecordingFormat.blockHeaderLength
        store32(UInt32(payload), at: blockStart)
        store32(UInt32(blockEventCount), at: blockStart + 4)
        var crc = CRC32C.update(0, littleEndian: UInt32(truncatingIfNeeded: blocks))
        crc = CRC32C.update(crc, buffer + blockStart, count: 8)
        crc = CRC32C.update(crc, buffer + blockStart + RecordingFormat.blockHeaderLength, count: payload)
        store32(crc, at: blockStart + 8)
        blocks += 1
        blockEventCount = 0
        blockStart = count
    }

    private func store32(_ value: UInt32, at offset: Int) {
        for index in 0..<4 { buffer[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    /// Seals the block in progress and hands the buffered blocks to the operating system (they
    /// survive a crash of this process).
    public func flush() throws {
        if blockEventCount > 0 { sealBlock() }
        guard count > 0 else { return }
        let pending = count
        count = 0
        blockStart = 0
        try file.write(buffer, count: pending)
        bytesWritten += pending
    }

    /// Flushes and asks the kernel to put the file on disk (survives a power loss).
    public func synchronize() throws {
        try flush()
        try file.synchronize()
    }

    /// Writes the trailer (events, blocks, its own CRC-32C), syncs and closes the file.
    public func close() throws {
        guard !closed else { return }
        try flush()
        var trailer: [UInt8] = []
        Self.appendLittleEndian(UInt64(RecordingFormat.trailerMarker), bytes: 4, to: &trailer)
        Self.appendLittleEndian(UInt64(eventCount), bytes: 8, to: &trailer)
        Self.appendLittleEndian(UInt64(blocks), bytes: 4, to: &trailer)
        Self.appendLittleEndian(UInt64(CRC32C.checksum(trailer)), bytes: 4, to: &trailer)
        closed = true
        try file.write(trailer)
        bytesWritten += trailer.count
        try file.synchronize()
        file.close()
    }

    /// Blocks sealed so far.
    public var blockCount: Int { blocks }

    @inline(__always)
    private func putVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            buffer[count] = UInt8(truncatingIfNeeded: rest) | 0x80
            count += 1
            rest >>= 7
        }
        buffer[count] = UInt8(rest)
        count += 1
    }

    @inline(__always)
    private func putPrice(_ raw: Int64) {
        putVarint(RecordingFormat.zigzag(raw &- price))
        price = raw
    }

    @inline(__always)
    private func putSize(_ size: Int64) {
        putVarint(UInt64(size))
    }

    /// Checked before encoding so that a refused event leaves no partial record behind, and so that
    /// nothing is written that the reader would refuse.
    private static func outOfRange(_ event: MarketEvent) -> String? {
        func size(_ value: Int64) -> String? {
            (0...MarketLimits.maximumSize).contains(value) ? nil : "has a size of \(value), outside 0...\(MarketLimits.maximumSize)"
        }
        func price(_ value: Price) -> String? {
            value.raw.magnitude <= MarketLimits.maximumPriceRaw
                ? nil : "has a price of \(value.raw) units, beyond ±\(MarketLimits.maximumPriceRaw)"
        }
        switch event {
        case .depth(let update): return price(update.price) ?? (update.operation == .delete ? nil : size(update.size))
        case .trade(let trade): return price(trade.price) ?? size(trade.size)
        case .quote(let quote): return price(quote.bid) ?? price(quote.ask) ?? size(quote.bidSize) ?? size(quote.askSize)
        case .bookReset: return nil
        }
    }

    static func appendLittleEndian(_ value: UInt64, bytes: Int, to array: inout [UInt8]) {
        for index in 0..<bytes { array.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
}
