/// CRC-32C (Castagnoli, the polynomial of iSCSI, ext4 and SSE 4.2's `crc32` instruction), table
/// driven and sliced by 8: eight table lookups per 8 bytes instead of one per byte. The checksum of
/// every `.fsdr` block and header. Check value: `"123456789"` gives 0xE3069283.
public enum CRC32C {
    /// The reflected polynomial 0x1EDC6F41.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// 8 tables of 256 entries, table k at `k * 256`: k = 0 is the classic byte table; table k
    /// advances a byte through k more zero bytes, so eight bytes are folded in one step.
    nonisolated(unsafe) private static let tables: UnsafePointer<UInt32> = {
        let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xff)]
            }
        }
        return UnsafePointer(tables)
    }()

    /// The checksum of `count` bytes at `bytes` continued from `crc`, the checksum of what came
    /// before them (0 for none): `update(update(0, a), b)` is the checksum of `a` then `b`.
    @inline(__always)
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawPointer, count: Int) -> UInt32 {
        let t = tables
        var value = ~crc
        var next = bytes
        var left = count
        while left >= 8 {
            let word = UInt64(littleEndian: next.loadUnaligned(as: UInt64.self)) ^ UInt64(value)
            value =
                t[7 &* 256 &+ Int(word & 0xff)] ^ t[6 &* 256 &+ Int((word &>> 8) & 0xff)]
                ^ t[5 &* 256 &+ Int((word &>> 16) & 0xff)] ^ t[4 &* 256 &+ Int((word &>> 24) & 0xff)]
                ^ t[3 &* 256 &+ Int((word &>> 32) & 0xff)] ^ t[2 &* 256 &+ Int((word &>> 40) & 0xff)]
                ^ t[1 &* 256 &+ Int((word &>> 48) & 0xff)] ^ t[Int(word &>> 56)]
            next += 8
            left &-= 8
        }
        while left > 0 {
            value = t[Int((value ^ UInt32(next.load(as: UInt8.self))) & 0xff)] ^ (value >> 8)
            next += 1
            left &-= 1
        }
        return ~value
    }

    /// The checksum continued over the 4 little-endian bytes of `value` (a block's index).
    public static func update(_ crc: UInt32, littleEndian value: UInt32) -> UInt32 {
        let t = tables
        var state = ~crc
        for shift in stride(from: 0 as UInt32, to: 32, by: 8) {
            state = t[Int((state ^ (value >> shift)) & 0xff)] ^ (state >> 8)
        }
        return ~state
    }

    /// The checksum of `bytes` continued from `crc`.
    public static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return crc }
            return update(crc, base, count: raw.count)
        }
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 { update(0, bytes) }
}
