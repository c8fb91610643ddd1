/// Constants and encodings of the FSDTrader recording format (`.fsdr`), documented byte by byte in
/// docs/DATA.md. Records are variable length: a tag byte, then zigzag/LEB128 varints of the changes
/// against the previous record, so a book update costs 3 to 6 bytes.
enum RecordingFormat {
    static let magic: [UInt8] = [0x46, 0x53, 0x44, 0x52, 0x0D, 0x0A, 0x1A, 0x0A]  // "FSDR\r\n\x1a\n"
    static let endMagic: [UInt8] = [0x46, 0x53, 0x44, 0x45]  // "FSDE"
    /// Version 2 checksums the header and every block of records (CRC-32C); version 1 had one
    /// CRC-32 over all records at the end, so a damaged byte was found only after its events had
    /// been replayed. Version 1 files are read only by `fsd convert`, which rewrites them.
    static let version: UInt16 = 2
    static let legacyVersion: UInt16 = 1
    /// Bytes of the fixed part of the header, before the symbol.
    static let fixedHeaderLength = 21
    /// The header's CRC-32C after the symbol (version 2).
    static let headerChecksumLength = 4
    static let maximumSymbolLength = 64
    /// No record is longer: a tag and five 10-byte varints.
    static let maximumRecordLength = 64
    /// Version 1's end record: tag, event count (8), CRC-32 (4), end magic (4).
    static let endRecordLength = 17

    // Version 2 blocks: payload length (4), event count (4), CRC-32C (4), then the records. The
    // checksum covers the block's index (4 bytes, not stored: a block dropped, repeated or moved
    // fails it), the length, the count and the records.
    static let blockHeaderLength = 12
    /// Most record bytes in one block: a damaged block costs at most this much data, and the
    /// reader's 1 MiB buffer always holds a whole block.
    static let maximumBlockPayload = 1 << 16
    /// The trailer after the last block: 'FSDE' (4), events (8), blocks (4), CRC-32C of those 16.
    /// As a length, 'FSDE' reads 1,162,105,670, more than any block holds, so it is never a block.
    static let trailerLength = 20
    static let trailerMarker: UInt32 = 0x4544_5346

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

    /// True when `path` starts with the recording magic and format version 1.
    static func isVersion1(path: String) throws -> Bool {
        let file = try PosixFile.openForReading(path, what: "data file")
        defer { file.close() }
        var head = [UInt8](repeating: 0, count: magic.count + 2)
        let got = try head.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            return try file.readFully(into: base, count: raw.count)
        }
        return got == head.count && Array(head.prefix(magic.count)) == magic
            && UInt16(head[8]) | UInt16(head[9]) << 8 == legacyVersion
    }

    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
