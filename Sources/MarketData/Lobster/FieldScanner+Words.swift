// Eight bytes at a time: finding separators with bit masks and converting short fields without a
// loop, so that the fields of a line are found first and then parsed independently of each other.
extension FieldScanner {
    /// The eight bytes at `bytes`, the first in the lowest byte. Every line lies in a buffer with
    /// at least eight readable bytes after its newline, so no bounds check is needed.
    @inline(__always)
    static func load(_ bytes: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of every byte of `word` equal to `byte` (exact: no carry crosses bytes).
    @inline(__always)
    static func byteMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low7 = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low7 | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The integer written in `line[from..<to]`, nil when that is not an optionally negative run
    /// of 1 to 18 digits (what `integer()` accepts). Up to eight digits convert without a loop.
    @inline(__always)
    static func integer(in line: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int64? {
        let length = to &- from
        let text = line + from
        guard length >= 1 && length <= 8 && text.pointee != UInt8(ascii: "-") else {
            return longInteger(text, line + to)
        }
        let word = load(text)
        let unused = 64 &- 8 &* UInt64(length)
        // The digit test of `digitRun`, on the field's bytes only.
        let highNibbles = word & 0xF0F0_F0F0_F0F0_F0F0
        let shifted = (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        let notDigits = (highNibbles ^ 0x3030_3030_3030_3030) | (shifted ^ 0x3030_3030_3030_3030)
        guard notDigits << unused == 0 else { return nil }
        return Int64(eightDigits((word & 0x0F0F_0F0F_0F0F_0F0F) << unused))
    }

    /// Negative, long or empty fields: the general scanner, which must end exactly at `end`.
    @inline(never)
    static func longInteger(_ text: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int64? {
        var scanner = FieldScanner(at: text)
        guard let value = scanner.integer(), scanner.position == end else { return nil }
        return value
    }
}
