/// The records of an `.fsdr` file, decoded: one layout for both format versions (version 2 only
/// frames them in checksummed blocks), so both readers share this code and can never drift apart.
enum RecordDecoder {
    /// What one record decoded to, not yet committed: the caller checks it against its framing.
    enum Record {
        case event(MarketEvent, endsBatch: Bool, end: Int, time: Int64, price: Int64)
        /// Version 1's end record (its tag alone; the caller reads the rest).
        case endRecord
        case problem(String)
    }

    /// Decodes depth and trade records from `position` while a longest record fits before
    /// `safeEnd`, so no record can be cut short and the word reads stay in the buffer; stops before
    /// anything else. The replay's hot path. Returns the new count.
    @inline(__always)
    static func decodeRun(
        _ buffer: UnsafeMutablePointer<UInt8>, position: inout Int, safeEnd: Int, time: inout Int64, price: inout Int64,
        into out: UnsafeMutablePointer<TimedEvent>, from start: Int, limit: Int
    ) -> Int {
        guard position <= safeEnd else { return start }
        let last = buffer + safeEnd
        var cursor = buffer + position
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
            let newTime = time &+ RecordingFormat.unzigzag(packed(word, bits: timeBits))
            let newPrice = price &+ RecordingFormat.unzigzag(varint(&next))
            guard newPrice.magnitude <= MarketLimits.maximumPriceRaw else { break }
            let event: MarketEvent
            if isDepth {
                guard let operation = DepthOperation(rawValue: (tag >> RecordingFormat.operationShift) & 0x03) else {
                    break records
                }
                let size = operation == .delete ? 0 : varint(&next)
                guard size <= maximumSize else { break }
                let side: BookSide = tag & RecordingFormat.askBit != 0 ? .ask : .bid
                event = .depth(
                    DepthUpdate(side: side, price: Price(raw: newPrice), size: Int64(size), operation: operation))
            } else {
                let size = varint(&next)
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
        return count
    }

    /// Decodes the record at `position` the careful way, every kind, each problem named.
    /// - Parameter legacy: version 1, which has an end record and took any flag bits on a book reset.
    static func decode(
        _ buffer: UnsafeMutablePointer<UInt8>, at position: Int, time: Int64, price: Int64, legacy: Bool
    ) -> Record {
        var cursor = buffer + position
        let tag = cursor.pointee
        cursor += 1
        var time = time
        var price = price
        if tag & RecordingFormat.timeBit != 0 {
            time &+= RecordingFormat.unzigzag(varint(&cursor))
        }
        let maximumSize = UInt64(MarketLimits.maximumSize)
        let event: MarketEvent
        switch tag & RecordingFormat.kindMask {
        case RecordingFormat.kindDepth:
            price &+= RecordingFormat.unzigzag(varint(&cursor))
            let operationBits = (tag >> RecordingFormat.operationShift) & 0x03
            guard let operation = DepthOperation(rawValue: operationBits) else {
                return .problem("a depth record has the unknown operation \(operationBits)")
            }
            let size = operation == .delete ? 0 : Int64(bitPattern: varint(&cursor))
            guard UInt64(bitPattern: size) <= maximumSize else {
                return .problem("a size of \(UInt64(bitPattern: size)) is above \(MarketLimits.maximumSize)")
            }
            let side: BookSide = tag & RecordingFormat.askBit != 0 ? .ask : .bid
            event = .depth(DepthUpdate(side: side, price: Price(raw: price), size: size, operation: operation))
        case RecordingFormat.kindTrade:
            price &+= RecordingFormat.unzigzag(varint(&cursor))
            let size = Int64(bitPattern: varint(&cursor))
            guard UInt64(bitPattern: size) <= maximumSize else {
                return .problem("a size of \(UInt64(bitPattern: size)) is above \(MarketLimits.maximumSize)")
            }
            let aggressorBits = (tag >> RecordingFormat.aggressorShift) & 0x03
            guard let aggressor = Aggressor(rawValue: aggressorBits) else {
                return .problem("a trade record has the unknown aggressor \(aggressorBits)")
            }
            let setsLast = tag & RecordingFormat.setsLastBit != 0
            event = .trade(Trade(price: Price(raw: price), size: size, aggressor: aggressor, setsLast: setsLast))
        case RecordingFormat.kindQuote:
            price &+= RecordingFormat.unzigzag(varint(&cursor))
            let bidSize = Int64(bitPattern: varint(&cursor))
            let ask = price &+ RecordingFormat.unzigzag(varint(&cursor))
            let askSize = Int64(bitPattern: varint(&cursor))
            guard UInt64(bitPattern: bidSize) <= maximumSize, UInt64(bitPattern: askSize) <= maximumSize,
                ask.magnitude <= MarketLimits.maximumPriceRaw
            else { return .problem("a quote record is out of range") }
            event = .quote(Quote(bid: Price(raw: price), bidSize: bidSize, ask: Price(raw: ask), askSize: askSize))
        case RecordingFormat.kindBookReset
        where legacy || tag & ~(RecordingFormat.kindMask | RecordingFormat.endsBatchBit | RecordingFormat.timeBit) == 0:
            event = .bookReset
        case RecordingFormat.kindEnd where legacy && tag == RecordingFormat.kindEnd:
            return .endRecord
        default:
            return .problem("unknown record tag 0x\(String(tag, radix: 16))")
        }
        return .event(
            event, endsBatch: tag & RecordingFormat.endsBatchBit != 0, end: cursor - buffer, time: time, price: price)
    }

    // MARK: - Varints

    @inline(__always)
    static func varint(_ cursor: inout UnsafeMutablePointer<UInt8>) -> UInt64 {
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
    static func packed(_ word: UInt64, bits: Int) -> UInt64 {
        var value = bits == 0 ? 0 : word & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- bits))
        value &= 0x7f7f_7f7f_7f7f_7f7f
        value = (value & 0x007f_007f_007f_007f) | ((value & 0x7f00_7f00_7f00_7f00) &>> 1)
        value = (value & 0x0000_3fff_0000_3fff) | ((value & 0x3fff_0000_3fff_0000) &>> 2)
        return (value & 0x0000_0000_0fff_ffff) | ((value & 0x0fff_ffff_0000_0000) &>> 4)
    }
}
