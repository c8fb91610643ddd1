/// How the state JSON writes ratios and percentages (FEATURES.md: 2 decimals, half away from zero).
enum StateNumberFormat {
    /// Two decimals, rounded half away from zero from the value's shortest round-trip decimal, so
    /// 1.005 (which a binary double holds as 1.00499…) shows 1.01 as written, and -0.1019 shows
    /// -0.10. JSON has no NaN or infinity: those are written null.
    static func twoDecimals(_ value: Double) -> String {
        guard value.isFinite, let decimal = DecimalText(value.description) else { return "null" }
        return decimal.rounded(decimals: 2)
    }
}
