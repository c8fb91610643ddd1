/// A decimal number taken from its text exactly: `significand × 10^exponent`, with no binary
/// rounding. Used to turn JSON numbers into integers and fixed-point prices, and to round `Double`s
/// for display from their shortest round-trip text.
struct DecimalText: Hashable, Sendable {
    var negative: Bool
    /// Decimal digits (0...9) without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    /// What an exact conversion to a scaled integer gave.
    enum Exact: Hashable, Sendable {
        case value(Int64)
        /// The number has more decimals than the scale keeps.
        case fractional
        case outOfRange
    }

    /// Parses `-?digits(.digits)?([eE][+-]?digits)?` (JSON's grammar, leading zeros tolerated,
    /// which also covers `Double.description` such as `1e-05`); nil for anything else.
    init?(_ text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var all: [UInt8] = []
        var fractionCount = 0
        var sawDot = false
        var sawDigit = false
        while let byte = bytes.first, byte == UInt8(ascii: ".") || (byte >= 0x30 && byte <= 0x39) {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                if sawDot { return nil }
                sawDot = true
                continue
            }
            sawDigit = true
            if sawDot { fractionCount += 1 }
            all.append(byte - 0x30)
        }
        guard sawDigit else { return nil }
        var power = 0
        if let marker = bytes.first {
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return nil }
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for byte in bytes {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                // Saturate: beyond a billion the value is out of every range anyway.
                if power < 1_000_000_000 { power = power * 10 + Int(byte - 0x30) }
            }
            if exponentNegative { power = -power }
        }
        let firstNonZero = all.firstIndex { $0 != 0 } ?? all.endIndex
        let lastNonZero = all.lastIndex { $0 != 0 }.map { $0 + 1 } ?? firstNonZero
        digits = Array(all[firstNonZero..<lastNonZero])
        exponent = digits.isEmpty ? 0 : power - fractionCount + (all.count - lastNonZero)
    }

    var isZero: Bool { digits.isEmpty }

    /// The number times `10^scale` as an `Int64`, when that is a whole number that fits.
    func exact(scale: Int) -> Exact {
        guard !digits.isEmpty else { return .value(0) }
        let shift = exponent + scale
        if shift < 0 { return .fractional }
        guard digits.count + shift <= 19 else { return .outOfRange }
        var magnitude: UInt64 = 0
        for digit in digits + [UInt8](repeating: 0, count: shift) {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return .outOfRange }
            magnitude = plus
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .outOfRange }
            return .value(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .outOfRange }
        return .value(Int64(magnitude))
    }

    /// The number with exactly `decimals` places, rounded half away from zero; no `-` on a zero.
    func rounded(decimals: Int) -> String {
        // The kept digits are the integer `significand × 10^(exponent + decimals)`, rounded.
        let shift = exponent + decimals
        var kept: [UInt8]
        if shift >= 0 {
            kept = digits + [UInt8](repeating: 0, count: shift)
        } else {
            let keepCount = digits.count + shift
            if keepCount < 0 {
                kept = []
            } else {
                kept = Array(digits[0..<keepCount])
                if digits[keepCount] >= 5 { Self.increment(&kept) }
            }
        }
        while kept.count > 1 && kept.first == 0 { kept.removeFirst() }
        let isZero = kept.allSatisfy { $0 == 0 }
        if kept.count < decimals + 1 { kept = [UInt8](repeating: 0, count: decimals + 1 - kept.count) + kept }
        var text = negative && !isZero ? "-" : ""
        for (index, digit) in kept.enumerated() {
            if index == kept.count - decimals { text += "." }
            text.unicodeScalars.append(Unicode.Scalar(digit + 0x30))
        }
        return text
    }

    private static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }
}
