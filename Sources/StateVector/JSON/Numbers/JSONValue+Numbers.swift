public import MarketData

extension JSONValue {
    /// A number as the nearest `Double`; nil for a non-number or one beyond `Double`'s range.
    public var doubleValue: Double? {
        guard let text = numberText, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A number that is exactly a whole `Int64` (`3`, `3.0`, `3e2`); nil for `2.5`, a
    /// non-number or one out of range.
    public var int64Value: Int64? {
        guard let text = numberText, let decimal = DecimalText(text), case .value(let value) = decimal.exact(scale: 0)
        else {
            return nil
        }
        return value
    }

    /// A number as a fixed-point price, exactly (`245.50` is `Price(parsing: "245.50")`, never a
    /// `Double` round trip); nil for more than 4 decimals, a non-number or one out of range.
    public var priceValue: Price? {
        guard let text = numberText, let decimal = DecimalText(text), case .value(let raw) = decimal.exact(scale: 4)
        else {
            return nil
        }
        return Price(raw: raw)
    }
}
