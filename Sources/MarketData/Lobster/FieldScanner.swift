/// Reads comma-separated numbers straight from the bytes of one line, without building strings.
/// Every line handed to it ends in a newline, which stops every scan, so no bounds checks are needed.
struct FieldScanner {
    var position: UnsafePointer<UInt8>
    let lineStart: UnsafePointer<UInt8>

    @inline(__always)
    init(at start: UnsafePointer<UInt8>) {
        position = start
        lineStart = start
    }

    /// 1-based byte column of `position`.
    var column: Int { position - lineStart + 1 }

    /// An optionally negative decimal integer of at most 18 digits; nil (position unchanged) otherwise.
    @inline(__always)
    mutating func integer() -> Int64? {
        var cursor = position
        let negative = cursor.pointee == UInt8(ascii: "-")
        if negative { cursor += 1 }
        let (value, digits) = Self.digitRun(cursor)
        guard digits > 0, digits <= 18 else { return nil }
        position = cursor + digits
        let signed = Int64(bitPattern: value)
        return negative ? -signed : signed
    }

    /// A non-negative decimal as an exact count of 1e-9 units (`34200.05990197` -> 34_200_059_901_970).
    /// Digits beyond the ninth decimal (float-printing noise such as `43002.632812672004` in the
    /// AMZN sample) round to the nearest unit, half up. Nil (position unchanged) for anything else.
    @inline(__always)
    mutating func nanos() -> Int64? {
        var cursor = position
        let (whole, wholeDigits) = Self.digitRun(cursor)
        guard wholeDigits > 0, wholeDigits <= 9 else { return nil }
        cursor += wholeDigits
        var fraction: UInt64 = 0
        if cursor.pointee == UInt8(ascii: ".") {
            cursor += 1
            let (digits, count) = Self.digitRun(cursor)
            guard count > 0, count <= 18 else { return nil }
            cursor += count
            if count <= 9 {
                fraction = digits &* Self.powerOfTen(9 &- count)
            } else {
                let divisor = Self.powerOfTen(count &- 9)
                fraction = digits / divisor
                if (digits % divisor) &* 2 >= divisor { fraction &+= 1 }
            }
        }
        position = cursor
        return Int64(whole &* 1_000_000_000 &+ fraction)
    }

    /// The value and length of the run of ASCII digits at `start`, eight bytes at a time (SWAR):
    /// every line lies in a buffer with at least 8 readable bytes after its newline. Runs longer
    /// than 18 digits return a count above 18 and a meaningless value.
    @inline(__always)
    static func digitRun(_ start: UnsafePointer<UInt8>) -> (value: UInt64, count: Int) {
        var value: UInt64 = 0
        var count = 0
        while true {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + count).loadUnaligned(as: UInt64.self))
            // A byte is a digit when its high nibble is 3 and adding 6 keeps it so (0x30...0x39).
            // Carries only start at non-digit bytes and only reach later bytes, so the first
            // non-digit is found exactly.
            let highNibbles = word & 0xF0F0_F0F0_F0F0_F0F0
            let shifted = (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
            let notDigits = (highNibbles ^ 0x3030_3030_3030_3030) | (shifted ^ 0x3030_3030_3030_3030)
            let run = notDigits.trailingZeroBitCount >> 3
            if run > 0 {
                value = value &* powerOfTen(run) &+ eightDigits((word & 0x0F0F_0F0F_0F0F_0F0F) << (64 &- 8 &* UInt64(run)))
                count &+= run
            }
            if run < 8 || count > 18 { return (value, count) }
        }
    }

    /// The number written by the eight digit values in `lanes` (first digit in the lowest byte).
    @inline(__always)
    static func eightDigits(_ lanes: UInt64) -> UInt64 {
        let pairs = (lanes &* 10 &+ (lanes >> 8)) & 0x00FF_00FF_00FF_00FF
        let quads = (pairs &* 100 &+ (pairs >> 16)) & 0x0000_FFFF_0000_FFFF
        return (quads &* 10_000 &+ (quads >> 32)) & 0xFFFF_FFFF
    }

    @inline(__always)
    static func powerOfTen(_ exponent: Int) -> UInt64 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        default: 1_000_000_000
        }
    }

    /// Consumes `byte` if it is next.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard position.pointee == byte else { return false }
        position += 1
        return true
    }

    /// Consumes the end of the line (`\n` or `\r\n`).
    @inline(__always)
    mutating func skipLineEnd() -> Bool {
        if position.pointee == UInt8(ascii: "\r") && (position + 1).pointee == UInt8(ascii: "\n") {
            position += 2
            return true
        }
        return skip(UInt8(ascii: "\n"))
    }

    // MARK: Error reporting (cold)

    /// The number of comma-separated columns in the whole line.
    func columnCount() -> Int {
        var cursor = lineStart
        var count = 1
        while cursor.pointee != UInt8(ascii: "\n") {
            if cursor.pointee == UInt8(ascii: ",") { count += 1 }
            cursor += 1
        }
        return count
    }

    /// The 0-based column index that `position` lies in.
    func columnIndex() -> Int {
        var cursor = lineStart
        var index = 0
        while cursor < position {
            if cursor.pointee == UInt8(ascii: ",") { index += 1 }
            cursor += 1
        }
        return index
    }

    /// The text from `position` to the next comma or line end, shortened for messages.
    func fieldText() -> String {
        var cursor = position
        while cursor.pointee != UInt8(ascii: ",") && cursor.pointee != UInt8(ascii: "\n")
            && cursor.pointee != UInt8(ascii: "\r")
        {
            cursor += 1
        }
        let length = min(cursor - position, 24)
        let text = String(decoding: UnsafeBufferPointer(start: position, count: length), as: UTF8.self)
        return cursor - position > 24 ? text + "…" : text
    }
}
