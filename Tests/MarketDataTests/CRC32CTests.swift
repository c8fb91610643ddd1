import Testing

@testable import MarketData

/// CRC-32C against its published check values, and the sliced loop against the byte loop.
@Suite struct CRC32CTests {
    @Test func theStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, of ones, ascending and descending.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map(UInt8.init)) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map(UInt8.init)) == 0x113F_DB5C)
    }

    @Test func piecesChainToTheWhole() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        let whole = CRC32C.checksum(bytes)
        for cut in [0, 1, 7, 8, 9, 500, 999, 1_000] {
            #expect(CRC32C.update(CRC32C.checksum(Array(bytes[..<cut])), Array(bytes[cut...])) == whole)
        }
        #expect(CRC32C.update(0, littleEndian: 0x0403_0201) == CRC32C.checksum([1, 2, 3, 4]))
    }
}
