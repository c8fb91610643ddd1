@testable import MarketData

/// Byte-level surgery on version 2 recordings for tests that need a file a buggy writer could
/// have made: damage that its checksums do not catch, because they were computed after it.
enum RecordingBytes {
    static func load32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    static func store32(_ value: UInt32, _ bytes: inout [UInt8], _ offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    /// Header length, from the header.
    static func headerLength(_ bytes: [UInt8]) -> Int { Int(bytes[10]) | Int(bytes[11]) << 8 }

    /// Recomputes the CRC-32C of the header, of every block and of the trailer.
    static func reseal(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let header = headerLength(bytes)
        store32(CRC32C.checksum(Array(bytes[0..<(header - 4)])), &bytes, header - 4)
        var offset = header
        var index: UInt32 = 0
        while offset + 4 <= bytes.count {
            let length = load32(bytes, offset)
            if length == RecordingFormat.trailerMarker {
                guard offset + 20 <= bytes.count else { break }
                store32(CRC32C.checksum(Array(bytes[offset..<(offset + 16)])), &bytes, offset + 16)
                break
            }
            let end = offset + 12 + Int(length)
            guard end <= bytes.count else { break }
            var crc = CRC32C.update(0, littleEndian: index)
            crc = CRC32C.update(crc, Array(bytes[offset..<(offset + 8)]))
            crc = CRC32C.update(crc, Array(bytes[(offset + 12)..<end]))
            store32(crc, &bytes, offset + 8)
            offset = end
            index += 1
        }
        return bytes
    }
}
