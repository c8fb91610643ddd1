/// A named value of the strategy's `params:` block, which rules, `risk:`, `features:` and `model:`
/// refer to by name (`when: L2_IMBALANCE > imbalance_long`, `max_spread: spread_cap`) and `--set
/// NAME=VALUE` overrides. What the checklist runs and what the prompt shows is the value.
public struct StrategyParameter: Hashable, Sendable {
    /// What a parameter holds, which decides where it may be used.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Any number: ratios, counts, thresholds.
        case number
        /// Dollars, at most 4 decimals, not negative.
        case price
        /// A percentage as written (`0.20` is 0.20 %), 0 to 100.
        case percent
        /// Milliseconds, written `1500`, `1500ms` or `1.5s`.
        case duration
        /// One enum value of the state vector, such as `AGGRESSIVE_BUYING`.
        case enumValue = "enum"
        /// Enum values, for `in [name]`.
        case list
    }

    public let name: String
    public let kind: Kind
    /// The value as a rule or a setting reads it: a number's text (a duration in milliseconds),
    /// an enum word, or a list's words joined by `, `.
    public let text: String
    /// A list's words; one word for an enum value; empty for numbers.
    public let words: [String]
    /// What it means, from `doc:`.
    public let doc: String?
    /// Where the file defines it.
    public let location: SourceLocation
    /// The file that defines it: this one, or a base it extends.
    public let file: String

    /// `1.5`, `AGGRESSIVE_BUYING`, `[NEAR_HOD, BREAKOUT]`.
    public var valueText: String { kind == .list ? "[\(text)]" : text }

    /// Whether a setting that takes `expected` (a whole number, a number, dollars) may be this
    /// parameter.
    func fits(_ expected: StrategyDecoder.ScalarKind) -> Bool {
        switch expected {
        case .integer: (kind == .number && Int64(text) != nil) || kind == .duration
        case .number: kind == .number || kind == .percent
        case .price: kind == .price || kind == .number
        case .distance: kind == .price || kind == .number || kind == .percent
        }
    }
}
