/// How a rule reads in the prompt when its condition has no `text:`: the seed's plain style, from
/// the parsed rule, so the model is told exactly what the checklist enforces (docs/RULES.md "How a
/// rule reads in the prompt").
///
/// `L2_IMBALANCE > 1.5`; `TAPE_SENTIMENT = "AGGRESSIVE_BUYING"`;
/// `HOD_LOD_LOC = "TESTING_HOD" or "NEAR_HOD" or "BREAKOUT"`;
/// `No wall in DOM_WALLS with side="ASK" within 0.20% of LAST`.
enum RuleRendering {
    /// The plain text of `rule`, as a line of its own (a leading quantifier capitalized, as the
    /// seed writes `No wall in DOM_WALLS …`).
    static func text(_ rule: RuleExpression) -> String {
        let phrase = phrase(rule)
        guard let first = phrase.first, first.isLowercase else { return phrase }
        return first.uppercased() + phrase.dropFirst()
    }

    /// The plain text of `rule` inside a sentence (`If a wall in DOM_WALLS …: EXIT.`).
    static func phrase(_ rule: RuleExpression) -> String {
        render(rule, inElement: false, parent: .top)
    }

    /// Where an expression stands, for the parentheses it needs.
    private enum Context {
        case top, and, or, not, sum, product, unary, operand
    }

    private static func render(_ e: RuleExpression, inElement: Bool, parent: Context) -> String {
        func sub(_ x: RuleExpression, _ context: Context) -> String { render(x, inElement: inElement, parent: context) }
        switch e {
        case .number(_, let text, _): return text
        case .share(let count, let text, _):
            return RuleExpression.isTicks(text) ? "\(text.dropLast()) tick\(count == 1 ? "" : "s")" : "\(text) of LAST"
        case .string(let text, _): return "\"\(text)\""
        case .bool(let value, _): return value ? "true" : "false"
        case .name(let name, _): return isEnumValue(name) ? "\"\(name)\"" : name
        case .member(let base, let member, _): return sub(base, .operand) + "." + member
        case .index(let base, let index, _): return sub(base, .operand) + "[\(index)]"
        case .negate(let operand, _): return "-" + sub(operand, .unary)
        case .arithmetic(let op, let left, let right, _):
            let context: Context = op == .add || op == .subtract ? .sum : .product
            let text = sub(left, context) + " \(op.rawValue) " + sub(right, op == .subtract || op == .divide ? .unary : context)
            return parenthesized(text, needed: parent == .product && context == .sum || parent == .unary)
        case .compare(let op, let left, let right, _):
            if let phrase = distancePhrase(op, left, right, inElement: inElement) { return phrase }
            // Inside a quantifier an equality reads as the seed writes it: side="ASK".
            if inElement, op == .equal, case .name = left, case .name(let value, _) = right, isEnumValue(value) {
                return sub(left, .operand) + "=\"\(value)\""
            }
            let symbol: String =
                switch op {
                case .equal: "="
                case .notEqual: "is not"
                default: op.rawValue
                }
            return sub(left, .operand) + " \(symbol) " + sub(right, .operand)
        case .inList(let left, let items, let negated, _):
            let values = items.map { sub($0, .operand) }
            return negated
                ? sub(left, .operand) + " is none of " + values.joined(separator: ", ")
                : sub(left, .operand) + " = " + values.joined(separator: " or ")
        case .and(let left, let right, _):
            // `side == ASK and pct_from_last(price) <= 0.20` inside a quantifier: "side="ASK" within 0.20% of LAST".
            let joiner = inElement && distancePhraseFollows(right) ? " " : " and "
            return parenthesized(sub(left, .and) + joiner + sub(right, .and), needed: parent == .not || parent == .operand)
        case .or(let left, let right, _):
            return parenthesized(sub(left, .or) + " or " + sub(right, .or), needed: parent == .and || parent == .not || parent == .operand)
        case .not(let operand, _):
            return "not " + sub(operand, .not)
        case .call(let name, _, let arguments, _):
            let text = call(name, arguments, inElement: inElement)
            // A phrase of several words (`the number of prints … with …`) is bracketed where an
            // operator follows or precedes it; |x| and min(a, b) delimit themselves.
            let delimited = text.hasPrefix("|") || text.hasSuffix(")") && !text.contains(" ")
            return parenthesized(text, needed: !delimited && text.contains(" ") && [.operand, .sum, .product, .unary].contains(parent))
        }
    }

    private static func call(_ name: String, _ arguments: [RuleExpression], inElement: Bool) -> String {
        func sub(_ x: RuleExpression) -> String { render(x, inElement: inElement, parent: .operand) }
        func element(_ x: RuleExpression) -> String { render(x, inElement: true, parent: .top) }
        guard let function = RuleFunction(rawValue: name) else { return name + "(" + arguments.map(sub).joined(separator: ", ") + ")" }
        let list = arguments.first.map(sub) ?? "?"
        let noun = arguments.first.map(elementNoun) ?? "element"
        func with(_ index: Int) -> String { arguments.count > index ? " with " + element(arguments[index]) : "" }
        switch function {
        case .abs: return "|" + (arguments.first.map { render($0, inElement: inElement, parent: .top) } ?? "") + "|"
        case .min, .max: return name + "(" + arguments.map { render($0, inElement: inElement, parent: .top) }.joined(separator: ", ") + ")"
        case .pctFromLast: return "the distance of \(arguments.first.map(sub) ?? "?") from LAST in %"
        case .pctFrom: return "the distance of \(arguments.first.map(sub) ?? "?") from \(arguments.dropFirst().first.map(sub) ?? "?") in %"
        case .isNull: return "\(arguments.first.map(sub) ?? "?") is unknown"
        case .prev: return "\(arguments.first.map(sub) ?? "?") on the previous tick"
        case .none: return "no \(noun) in \(list)\(with(1))"
        case .any: return "a \(noun) in \(list)\(with(1))"
        case .all: return "every \(noun) in \(list)" + (arguments.count > 1 ? " has " + element(arguments[1]) : "")
        case .count: return "the number of \(noun)s in \(list)\(with(1))"
        case .minOf, .maxOf, .sumOf:
            let word = function == .minOf ? "lowest" : function == .maxOf ? "highest" : "total"
            let value = arguments.count > 1 ? element(arguments[1]) : "?"
            return "the \(word) \(value) of the \(noun)s in \(list)\(with(2))"
        }
    }

    /// `pct_from_last(x) <= 0.20` → `x within 0.20% of LAST` (`within 0.20% of LAST` for an
    /// element's own price), and the same for `pct_from(x, r)`.
    private static func distancePhrase(
        _ op: ComparisonOperator, _ left: RuleExpression, _ right: RuleExpression, inElement: Bool
    ) -> String? {
        guard case .call(let name, _, let arguments, _) = left, case .number(_, let bound, _) = right,
            let function = RuleFunction(rawValue: name), function == .pctFromLast || function == .pctFrom,
            let subject = arguments.first
        else { return nil }
        let reference =
            function == .pctFromLast ? "LAST" : arguments.dropFirst().first.map { render($0, inElement: inElement, parent: .operand) } ?? "?"
        let relation: String
        switch op {
        case .lessEqual: relation = "within \(bound)% of"
        case .less: relation = "less than \(bound)% from"
        case .greaterEqual: relation = "at least \(bound)% from"
        case .greater: relation = "more than \(bound)% from"
        default: return nil
        }
        let implicit: Bool = if inElement, case .name("price", _) = subject { true } else { false }
        let who = implicit ? "" : render(subject, inElement: inElement, parent: .operand) + " "
        return "\(who)\(relation) \(reference)"
    }

    private static func distancePhraseFollows(_ e: RuleExpression) -> Bool {
        guard case .compare(let op, let left, .number, _) = e, case .call(let name, _, let arguments, _) = left,
            name == RuleFunction.pctFromLast.rawValue, case .name("price", _) = arguments.first,
            [.less, .lessEqual, .greater, .greaterEqual].contains(op)
        else { return false }
        return true
    }

    private static func elementNoun(_ list: RuleExpression) -> String {
        let name: String =
            switch list {
            case .name(let name, _): name
            case .member(_, let member, _): member
            default: ""
            }
        switch name {
        case "DOM_WALLS": return "wall"
        case "BID_STACK", "ASK_STACK": return "level"
        case "LARGE_PRINTS_1M": return "print"
        case "imbalances": return "imbalance"
        case "ACTIVE_ORDERS": return "order"
        case "HISTORY": return "decision"
        default: return "element"
        }
    }

    private static func isEnumValue(_ name: String) -> Bool {
        RuleNames.enumOwners[name] != nil && RuleNames.topField(named: name) == nil
    }

    private static func parenthesized(_ text: String, needed: Bool) -> String { needed ? "(" + text + ")" : text }
}
