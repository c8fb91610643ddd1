import CZlib

/// Writes an FSDTrader recording (`.fsdr`): a compact binary log of timed market events for replay,
/// fed by `fsd convert` or live by `fsd record`.
///
/// Events are buffered and written when the buffer fills or on `flush()`; call `flush()` as often
/// as losing the last events in a crash would matter (e.g. every second live). Only `close()` writes
/// the end record: a file without it reads as unfinished, so a crash is never mistaken for a
/// complete session.
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
    private var count = 0
    private var crc: uLong = crc32(0, nil, 0)
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
        let headerLength = RecordingFormat.fixedHeaderLength + symbolBytes.count
        Self.appendLittleEndian(UInt64(RecordingFormat.version), bytes: 2, to: &header)
        Self.appendLittleEndian(UInt64(headerLength), bytes: 2, to: &header)
        Self.appendLittleEndian(UInt64(Price.scale), bytes: 4, to: &header)
        Self.appendLittleEndian(UInt64(sessionDate.year), bytes: 2, to: &header)
        header.append(UInt8(sessionDate.month))
        header.append(UInt8(sessionDate.day))
        header.append(UInt8(symbolBytes.count))
        header += symbolBytes
        try file.write(header)
        bytesWritten = header.count
    }

    /// Opens an existing recording to add events to it, e.g. when `fsd record` restarts during the
    /// session. A closed recording loses its end record; an unfinished one (its recorder crashed)
    /// loses only a record cut short at its end. `close()` writes a new end record over everything.
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
        crc = point.crc
        time = point.time
        price = point.price
    }

    deinit {
        // Keep what was appended, but without the end record: the file reads as unfinished.
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
        if count > capacity - RecordingFormat.maximumRecordLength { try flush() }
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
    }

    /// Hands the buffered events to the operating system (they survive a crash of this process).
    public func flush() throws {
        guard count > 0 else { return }
        crc = crc32(crc, buffer, uInt(count))
        let pending = count
        count = 0
        try file.write(buffer, count: pending)
        bytesWritten += pending
    }

    /// Flushes and asks the kernel to put the file on disk (survives a power loss).
    public func synchronize() throws {
        try flush()
        try file.synchronize()
    }

    /// Writes the end record (event count and checksum), syncs and closes the file.
    public func close() throws {
        guard !closed else { return }
        try flush()
        var end: [UInt8] = [RecordingFormat.kindEnd]
        Self.appendLittleEndian(UInt64(eventCount), bytes: 8, to: &end)
        Self.appendLittleEndian(UInt64(crc), bytes: 4, to: &end)
        end += RecordingFormat.endMagic
        closed = true
        try file.write(end)
        bytesWritten += end.count
        try file.synchronize()
        file.close()
    }

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
