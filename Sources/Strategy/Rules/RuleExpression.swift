/// A parsed rule expression, before type checking. Offsets are Unicode scalars of the rule text.
indirect enum RuleExpression: Sendable {
    case number(Double, text: String, Span)
    /// `0.02%`, `2bp`: a share of LAST (the fraction, 0.0002), which compares with prices; `2t`
    /// (its text ends in `t`): that many ticks (the count).
    case share(Double, text: String, Span)
    case string(String, Span)
    case bool(Bool, Span)
    /// A bare name: a field, a pseudo-field (ENTRY, STOP, TARGET), an element field inside a
    /// quantifier, or an enum value, decided by the type checker.
    case name(String, Span)
    /// `base.member`
    case member(RuleExpression, String, Span)
    /// `base[index]`
    case index(RuleExpression, Int, Span)
    case call(String, nameSpan: Span, [RuleExpression], Span)
    case negate(RuleExpression, Span)
    case arithmetic(ArithmeticOperator, RuleExpression, RuleExpression, Span)
    case compare(ComparisonOperator, RuleExpression, RuleExpression, Span)
    case inList(RuleExpression, [RuleExpression], negated: Bool, Span)
    case and(RuleExpression, RuleExpression, Span)
    case or(RuleExpression, RuleExpression, Span)
    case not(RuleExpression, Span)

    /// Start and end offsets in the rule text.
    struct Span: Sendable, Equatable {
        var start: Int
        var end: Int

        func to(_ other: Span) -> Span { Span(start: start, end: other.end) }
    }

    /// Calls `visit` on this expression and every one inside it, in source order.
    func forEachNode(_ visit: (RuleExpression) -> Void) {
        visit(self)
        switch self {
        case .number, .share, .string, .bool, .name: break
        case .member(let base, _, _), .index(let base, _, _), .negate(let base, _), .not(let base, _):
            base.forEachNode(visit)
        case .call(_, _, let arguments, _): for argument in arguments { argument.forEachNode(visit) }
        case .arithmetic(_, let left, let right, _), .compare(_, let left, let right, _), .and(let left, let right, _),
            .or(let left, let right, _):
            left.forEachNode(visit)
            right.forEachNode(visit)
        case .inList(let base, let list, _, _):
            base.forEachNode(visit)
            for item in list { item.forEachNode(visit) }
        }
    }

    /// True for a share written in ticks (`2t`).
    static func isTicks(_ text: String) -> Bool { text.hasSuffix("t") }

    var span: Span {
        switch self {
        case .number(_, _, let s), .share(_, _, let s), .string(_, let s), .bool(_, let s), .name(_, let s), .member(_, _, let s),
            .index(_, _, let s), .call(_, _, _, let s), .negate(_, let s), .arithmetic(_, _, _, let s),
            .compare(_, _, _, let s), .inList(_, _, _, let s), .and(_, _, let s), .or(_, _, let s), .not(_, let s):
            s
        }
    }
}

enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

enum ComparisonOperator: String, Sendable {
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="

    init?(_ symbol: Token.Symbol) {
        switch symbol {
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        default: return nil
        }
    }
}
