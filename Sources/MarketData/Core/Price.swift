/// A price or an amount of money in ten-thousandths of a dollar, the unit of NASDAQ feeds and of the
/// bundled data. Fixed-point so that sums of money never drift the way `Double` sums do.
public struct Price: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Ten-thousandths of a dollar.
    public var raw: Int64

    /// Units per dollar.
    public static let scale: Int64 = 10_000
    public static let zero = Price(raw: 0)
    /// One cent, the regular tick of US stocks above $1.
    public static let cent = Price(raw: 100)

    @inlinable public init(raw: Int64) { self.raw = raw }

    /// Whole cents, e.g. `Price(cents: 24550)` is $245.50.
    @inlinable public init(cents: Int64) { self.raw = cents * 100 }

    /// The nearest fixed-point value to `dollars` (half away from zero). For values that were never
    /// accumulated, such as a threshold typed by a user or a JSON number.
    public init?(rounding dollars: Double) {
        let scaled = (dollars * Double(Self.scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 9.0e15 else { return nil }
        self.raw = Int64(scaled)
    }

    /// Parses a plain decimal such as `245.50`, `-0.2` or `$12` exactly; nil for anything else or
    /// for more than four decimals.
    public init?(parsing text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDot = false
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if sawDot { return nil }
                sawDot = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            digits += 1
            if sawDot {
                fractionDigits += 1
                if fractionDigits > 4 { return nil }
                fraction = fraction * 10 + digit
            } else {
                if whole > 100_000_000_000 { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0 else { return nil }
        for _ in fractionDigits..<4 { fraction *= 10 }
        let value = whole * Self.scale + fraction
        self.raw = negative ? -value : value
    }

    /// The value in dollars, for ratios and rule evaluation; never for sums of money.
    @inlinable public var dollars: Double { Double(raw) / Double(Self.scale) }

    /// True when the price is not a whole number of cents.
    @inlinable public var isSubPenny: Bool { raw % 100 != 0 }

    @inlinable public static func < (lhs: Price, rhs: Price) -> Bool { lhs.raw < rhs.raw }
    @inlinable public static func + (lhs: Price, rhs: Price) -> Price { Price(raw: lhs.raw + rhs.raw) }
    @inlinable public static func - (lhs: Price, rhs: Price) -> Price { Price(raw: lhs.raw - rhs.raw) }
    @inlinable public static prefix func - (value: Price) -> Price { Price(raw: -value.raw) }
    @inlinable public static func += (lhs: inout Price, rhs: Price) { lhs.raw += rhs.raw }
    @inlinable public static func -= (lhs: inout Price, rhs: Price) { lhs.raw -= rhs.raw }
    /// A price times a number of shares: an amount of money.
    @inlinable public static func * (lhs: Price, shares: Int64) -> Price { Price(raw: lhs.raw * shares) }

    /// `decimals` places (0...4), rounded half away from zero: `245.50` for 2.
    public func formatted(decimals: Int) -> String {
        let places = max(0, min(4, decimals))
        var divisor: Int64 = 1
        for _ in places..<4 { divisor *= 10 }
        let magnitude = raw.magnitude
        let rounded = (magnitude + UInt64(divisor / 2)) / UInt64(divisor)
        var unit: UInt64 = 1
        for _ in 0..<places { unit *= 10 }
        let whole = rounded / unit
        let fraction = rounded % unit
        let sign = raw < 0 && rounded != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        var fractionText = String(fraction)
        while fractionText.count < places { fractionText = "0" + fractionText }
        return "\(sign)\(whole).\(fractionText)"
    }

    /// Two decimals, or four where the value is not a whole number of cents (FEATURES.md).
    public var display: String { formatted(decimals: isSubPenny ? 4 : 2) }

    public var description: String { display }
}

/// An amount of money, on the same fixed-point scale as `Price`.
public typealias Money = Price
