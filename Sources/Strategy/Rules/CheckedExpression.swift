/// A type-checked rule expression: names resolved to schema fields, enum values to their index,
/// every operator known to apply. The compiler turns it into closures; nothing here can fail.
struct CheckedExpression: Sendable {
    indirect enum Node: Sendable {
        case number(Double)
        case bool(Bool)
        case enumValue(Int)
        case string(String)
        case read(FieldAccess)
        case negate(CheckedExpression)
        case arithmetic(ArithmeticOperator, CheckedExpression, CheckedExpression)
        case function(RuleFunction, [CheckedExpression])
        case count(ListAccess, CheckedExpression?)
        case aggregate(RuleFunction, ListAccess, CheckedExpression, CheckedExpression?)
        case quantifier(RuleFunction, ListAccess, CheckedExpression)
        case compare(ComparisonOperator, CheckedExpression, CheckedExpression)
        case inList(CheckedExpression, [CheckedExpression], negated: Bool)
        case and(CheckedExpression, CheckedExpression)
        case or(CheckedExpression, CheckedExpression)
        case not(CheckedExpression)
        case isNull(CheckedExpression)
        case previous(CheckedExpression)
    }

    var node: Node
    var type: ValueType
    /// The expression's source text, as readings label it (`pct_from_last(price)`).
    var text: String

    static let invalid = CheckedExpression(node: .bool(false), type: .invalid, text: "")
}

/// The built-in functions and quantifiers.
enum RuleFunction: String, Sendable, CaseIterable {
    case abs, min, max
    case pctFromLast = "pct_from_last"
    case pctFrom = "pct_from"
    case isNull = "is_null"
    case prev
    case any, all, none, count
    case minOf = "min_of"
    case maxOf = "max_of"
    case sumOf = "sum_of"

    /// How the docs and arity messages show it.
    var signature: String {
        switch self {
        case .abs: "abs(x)"
        case .min: "min(a, b, …)"
        case .max: "max(a, b, …)"
        case .pctFromLast: "pct_from_last(x)"
        case .pctFrom: "pct_from(x, reference)"
        case .isNull: "is_null(x)"
        case .prev: "prev(x)"
        case .any: "any(LIST, condition)"
        case .all: "all(LIST, condition)"
        case .none: "none(LIST, condition)"
        case .count: "count(LIST) or count(LIST, condition)"
        case .minOf: "min_of(LIST, value) or min_of(LIST, value, condition)"
        case .maxOf: "max_of(LIST, value) or max_of(LIST, value, condition)"
        case .sumOf: "sum_of(LIST, value) or sum_of(LIST, value, condition)"
        }
    }

    var isQuantifier: Bool { [.any, .all, .none, .count, .minOf, .maxOf, .sumOf].contains(self) }
}
