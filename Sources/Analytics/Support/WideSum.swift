import MarketData

/// A 128-bit running sum of price × size, so a VWAP numerator can never overflow however long the
/// session or heavy the volume (Int64 holds only about 9.2e18 ten-thousandths of a dollar-share).
struct WideSum: Hashable, Sendable {
    private var high: Int64 = 0
    private var low: UInt64 = 0

    mutating func add(_ price: Price, times size: Int64) {
        let product = price.raw.multipliedFullWidth(by: size)
        let (sum, carry) = low.addingReportingOverflow(product.low)
        low = sum
        high = high &+ product.high &+ (carry ? 1 : 0)
    }

    /// The sum divided by `divisor` as a price, rounded half away from zero: exact integer
    /// arithmetic, no floating point. Nil for a divisor <= 0 or a quotient beyond `Int64`.
    func average(over divisor: Int64) -> Price? {
        guard divisor > 0, quotientFits(divisor) else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
        if remainder > 0, remainder >= divisor - remainder { return Price(raw: quotient + 1) }
        if remainder < 0, -remainder >= divisor + remainder { return Price(raw: quotient - 1) }
        return Price(raw: quotient)
    }

    /// True when |sum| < divisor × 2^63, the condition for `dividingFullWidth` not to trap.
    private func quotientFits(_ divisor: Int64) -> Bool {
        var magnitudeHigh = UInt64(bitPattern: high)
        var magnitudeLow = low
        if high < 0 {
            magnitudeLow = ~low &+ 1
            magnitudeHigh = ~magnitudeHigh &+ (magnitudeLow == 0 ? 1 : 0)
        }
        let limitHigh = UInt64(divisor) >> 1
        let limitLow = (UInt64(divisor) & 1) << 63
        return magnitudeHigh < limitHigh || (magnitudeHigh == limitHigh && magnitudeLow < limitLow)
    }
}
