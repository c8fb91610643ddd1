/// Constants and encodings of the FSDTrader recording format (`.fsdr`), documented byte by byte in
/// docs/DATA.md. Records are variable length: a tag byte, then zigzag/LEB128 varints of the changes
/// against the previous record, so a book update costs 3 to 6 bytes.
enum RecordingFormat {
    static let magic: [UInt8] = [0x46, 0x53, 0x44, 0x52, 0x0D, 0x0A, 0x1A, 0x0A]  // "FSDR\r\n\x1a\n"
    static let endMagic: [UInt8] = [0x46, 0x53, 0x44, 0x45]  // "FSDE"
    static let version: UInt16 = 1
    /// Bytes of the fixed part of the header, before the symbol.
    static let fixedHeaderLength = 21
    static let maximumSymbolLength = 64
    /// No record is longer: a tag and five 10-byte varints.
    static let maximumRecordLength = 64
    /// The end record: tag, event count (8), CRC-32 (4), end magic (4).
    static let endRecordLength = 17

    // Tag byte: bits 0-2 the kind, bit 3 endsBatch, bit 7 a time delta follows; bits 4-6 per kind.
    static let kindMask: UInt8 = 0x07
    static let kindEnd: UInt8 = 0
    static let kindDepth: UInt8 = 1
    static let kindTrade: UInt8 = 2
    static let kindQuote: UInt8 = 3
    static let kindBookReset: UInt8 = 4
    static let endsBatchBit: UInt8 = 0x08
    static let timeBit: UInt8 = 0x80
    /// Depth: bit 4 the side (1 = ask), bits 5-6 the operation (0 insert, 1 update, 2 delete).
    static let askBit: UInt8 = 0x10
    static let operationShift: UInt8 = 5
    /// Trade: bits 4-5 the aggressor (0 buy, 1 sell, 2 unknown), bit 6 setsLast.
    static let aggressorShift: UInt8 = 4
    static let setsLastBit: UInt8 = 0x40

    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
