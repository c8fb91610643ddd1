import StateVector

/// A problem in one rule, at offsets of the rule text.
struct RuleProblem: Sendable, Equatable {
    var start: Int
    var length: Int
    var message: String
    var note: String?
    var fixIt: String?
}

/// Resolves names against `StateSchema` and checks every operator's operand types. Reports all
/// problems of a rule, and after an error carries on with an `.invalid` type so one mistake gives
/// one message.
struct TypeChecker {
    private(set) var problems: [RuleProblem] = []
    private var scope: [ListAccess] = []
    private let text: [Unicode.Scalar]

    /// The strategy's parameter names, for did-you-mean on a misspelled one.
    private var parameterNames: [String] = []

    init(text: String, parameterNames: [String] = []) {
        self.text = Array(text.unicodeScalars)
        self.parameterNames = parameterNames
    }

    /// Checks a whole rule, which must be a condition.
    mutating func checkCondition(_ expression: RuleExpression, role: String) -> CheckedExpression {
        let checked = check(expression)
        if !checked.type.isInvalid, case .bool = checked.type {
        } else if !checked.type.isInvalid {
            problem(
                expression.span,
                "\(role) must be a condition (true or false), but '\(checked.text)' is \(checked.type.phrase)")
            return .invalid
        }
        return checked
    }

    /// Checks a value rule (an exit's new stop or target), which must be a price or number.
    mutating func checkPrice(_ expression: RuleExpression, role: String) -> CheckedExpression {
        let checked = check(expression)
        if checked.type.isInvalid || checked.type.numeric != nil { return checked }
        problem(expression.span, "\(role) must be a price, but '\(checked.text)' is \(checked.type.phrase)")
        return .invalid
    }

    // MARK: - Expressions

    mutating func check(_ expression: RuleExpression) -> CheckedExpression {
        let source = slice(expression.span)
        switch expression {
        case .number(let value, _, _):
            let whole = value == value.rounded() && abs(value) < 1e15 && !source.contains(".")
            return CheckedExpression(node: .number(value), type: .number(whole ? .integer : .number), text: source)
        case .share(let fraction, let written, _):
            return checkShare(fraction, written: written, source: source)
        case .string(let value, _):
            return CheckedExpression(node: .string(value), type: .string, text: source)
        case .bool(let value, _):
            return CheckedExpression(node: .bool(value), type: .bool, text: source)
        case .name(let name, let span):
            return checkName(name, span)
        case .member(let base, let name, let span):
            return checkMember(base, name, span)
        case .index(let base, let index, let span):
            let list = check(base)
            guard case .list(let access) = list.type else {
                if !list.type.isInvalid {
                    problem(span, "'\(list.text)' is \(list.type.phrase), not a list; only lists take [index]")
                }
                return .invalid
            }
            return CheckedExpression(node: .bool(false), type: .element(access, index: index), text: source)
        case .call(let name, let nameSpan, let arguments, let span):
            return checkCall(name, nameSpan, arguments, span)
        case .negate(let operand, _):
            let inner = check(operand)
            guard let kind = requireNumber(inner, operand.span, "'-'") else { return .invalid }
            return CheckedExpression(node: .negate(inner), type: .number(kind), text: source)
        case .arithmetic(let op, let left, let right, _):
            return checkArithmetic(op, left, right, source)
        case .compare(let op, let left, let right, let span):
            return checkComparison(op, left, right, span)
        case .inList(let left, let items, let negated, let span):
            return checkIn(left, items, negated: negated, span)
        case .and(let left, let right, _), .or(let left, let right, _):
            let word = if case .and = expression { "and" } else { "or" }
            let l = requireCondition(check(left), left.span, "'\(word)'")
            let r = requireCondition(check(right), right.span, "'\(word)'")
            guard let l, let r else { return CheckedExpression(node: .bool(false), type: .invalid, text: source) }
            let node: CheckedExpression.Node = if case .and = expression { .and(l, r) } else { .or(l, r) }
            return CheckedExpression(node: node, type: .bool, text: source)
        case .not(let operand, _):
            guard let inner = requireCondition(check(operand), operand.span, "'not'") else { return .invalid }
            return CheckedExpression(node: .not(inner), type: .bool, text: source)
        }
    }

    // MARK: - Names

    private func lookup(_ name: String) -> CheckedExpression? {
        if let list = scope.last, let field = list.element.first(where: { $0.name == name }) {
            return read(field, label: name, scope: .element)
        }
        if let field = RuleNames.topField(named: name) {
            return read(field, label: name, scope: .top)
        }
        return nil
    }

    func read(_ field: Field, label: String, scope: FieldAccess.Scope) -> CheckedExpression {
        let type = ValueType(field: field, label: label)
        switch type {
        case .list, .object: return CheckedExpression(node: .bool(false), type: type, text: label)
        default:
            return CheckedExpression(
                node: .read(FieldAccess(label: label, field: field, scope: scope)), type: type, text: label)
        }
    }

    private mutating func checkName(_ name: String, _ span: RuleExpression.Span) -> CheckedExpression {
        if let found = lookup(name) { return found }
        if let owners = RuleNames.enumOwners[name] {
            problem(
                span,
                "'\(name)' is a value of \(owners.joined(separator: ", ")); compare a field with it, e.g. \(owners[0]) == \(name)"
            )
        } else if RuleFunction(rawValue: name) != nil {
            problem(
                span,
                "'\(name)' is a function; call it with parentheses, e.g. \(RuleFunction(rawValue: name)?.signature ?? name)"
            )
        } else if let list = scope.last {
            let names = list.element.map(\.name)
            let hint = Spelling.hint(for: name, among: names + RuleNames.allTopNames + parameterNames)
            problem(
                span, "unknown field '\(name)' in the elements of \(list.label)\(hint)",
                note: "elements of \(list.label) have: \(names.joined(separator: ", "))",
                fixIt: Spelling.suggestion(for: name, among: names + RuleNames.allTopNames + parameterNames))
        } else {
            let suggestion = Spelling.suggestion(for: name, among: RuleNames.allTopNames + parameterNames)
            let what = parameterNames.contains(suggestion ?? "") ? "the parameter " : ""
            problem(
                span, "unknown field '\(name)'\(suggestion.map { "; did you mean \(what)'\($0)'?" } ?? "")", fixIt: suggestion)
        }
        return .invalid
    }

    private mutating func checkMember(_ base: RuleExpression, _ name: String, _ span: RuleExpression.Span)
        -> CheckedExpression
    {
        let owner = check(base)
        let label = "\(owner.text).\(name)"
        let memberSpan = RuleExpression.Span(start: span.end - name.unicodeScalars.count, end: span.end)
        switch owner.type {
        case .object(let ownerName, let fields):
            guard let field = fields.first(where: { $0.name == name }) else {
                let suggestion = Spelling.suggestion(for: name, among: fields.map(\.name))
                problem(
                    memberSpan,
                    "\(ownerName) has no field '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                    note: "\(ownerName) has: \(fields.map(\.name).joined(separator: ", "))", fixIt: suggestion)
                return .invalid
            }
            return read(field, label: label, scope: .top)
        case .element(let list, let index):
            guard let field = list.element.first(where: { $0.name == name }) else {
                let suggestion = Spelling.suggestion(for: name, among: list.element.map(\.name))
                problem(
                    memberSpan,
                    "elements of \(list.label) have no field '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                    note: "elements of \(list.label) have: \(list.element.map(\.name).joined(separator: ", "))",
                    fixIt: suggestion)
                return .invalid
            }
            return read(field, label: label, scope: .fixed(index: index, count: list.count))
        case .list(let list):
            problem(
                span,
                "\(list.label) is a list; test its elements with any/all/none/count(\(list.label), …) or read one as \(list.label)[0].\(name)"
            )
            return .invalid
        case .invalid:
            return .invalid
        default:
            problem(memberSpan, "'\(owner.text)' is \(owner.type.phrase) and has no fields")
            return .invalid
        }
    }

    // MARK: - Operators

    private mutating func requireNumber(_ checked: CheckedExpression, _ span: RuleExpression.Span, _ what: String)
        -> ValueType.Numeric?
    {
        if let kind = checked.type.numeric { return kind }
        if !checked.type.isInvalid {
            problem(span, "\(what) needs a number, but '\(checked.text)' is \(checked.type.phrase)")
        }
        return nil
    }

    private mutating func requireCondition(_ checked: CheckedExpression, _ span: RuleExpression.Span, _ what: String)
        -> CheckedExpression?
    {
        if case .bool = checked.type { return checked }
        if !checked.type.isInvalid {
            problem(span, "\(what) needs a condition (true/false), but '\(checked.text)' is \(checked.type.phrase)")
        }
        return nil
    }

    private mutating func checkArithmetic(
        _ op: ArithmeticOperator, _ left: RuleExpression, _ right: RuleExpression, _ source: String
    ) -> CheckedExpression {
        let l = check(left)
        let r = check(right)
        let lk = requireNumber(l, left.span, "'\(op.rawValue)'")
        let rk = requireNumber(r, right.span, "'\(op.rawValue)'")
        guard let lk, let rk else { return .invalid }
        guard shareFits(op, left, right, l, r, lk, rk) else { return .invalid }
        if op == .divide, case .number(let value) = r.node, value == 0 {
            problem(right.span, "division by zero")
            return .invalid
        }
        let kind: ValueType.Numeric
        switch op {
        case .add, .subtract:
            kind = lk == .price || rk == .price ? .price : (lk == .integer && rk == .integer ? .integer : .number)
        case .multiply:
            kind =
                lk == .price && rk == .price
                ? .number
                : (lk == .price || rk == .price ? .price : (lk == .integer && rk == .integer ? .integer : .number))
        case .divide:
            kind = lk == .price && rk != .price ? .price : .number
        }
        return CheckedExpression(node: .arithmetic(op, l, r), type: .number(kind), text: source)
    }

    private func name(of expression: RuleExpression) -> String? {
        if case .name(let name, _) = expression { return name }
        return nil
    }

    /// An operand compared with `other`: a bare name is an enum value when `other` is an
    /// enumeration that has it, so `role == STOP` reads the OrderRole value, not the STOP price.
    private mutating func operand(_ expression: RuleExpression, against other: CheckedExpression) -> CheckedExpression {
        guard case .name(let name, let span) = expression else { return check(expression) }
        let source = slice(span)
        if case .enumeration(let type) = other.type {
            if let index = type.values.firstIndex(of: name) {
                return CheckedExpression(node: .enumValue(index), type: .enumeration(type), text: source)
            }
            if lookup(name) == nil {
                let suggestion = Spelling.suggestion(for: name, among: type.values)
                problem(
                    span,
                    "unknown value '\(name)' for \(other.text)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                    note: "\(other.text) is one of \(type.values.joined(separator: ", "))", fixIt: suggestion)
                return .invalid
            }
        }
        if lookup(name) == nil {
            if other.type.isInvalid { return .invalid }
            if let owners = RuleNames.enumOwners[name] {
                problem(
                    span,
                    "type mismatch: '\(other.text)' is \(other.type.phrase), but '\(name)' is a value of \(owners.joined(separator: ", "))"
                )
                return .invalid
            }
        }
        return check(expression)
    }

    private mutating func operands(_ left: RuleExpression, _ right: RuleExpression) -> (
        CheckedExpression, CheckedExpression
    ) {
        // Type the side that is not a bare unknown name first, so the other can be read as one
        // of its enum values; with two unknown names the left one gets the message.
        let leftUnknown = name(of: left).map { lookup($0) == nil } ?? false
        let rightUnknown = name(of: right).map { lookup($0) == nil } ?? false
        if leftUnknown, !rightUnknown {
            let r = check(right)
            return (operand(left, against: r), r)
        }
        let l = check(left)
        return (l, operand(right, against: l))
    }

    private mutating func checkComparison(
        _ op: ComparisonOperator, _ left: RuleExpression, _ right: RuleExpression, _ span: RuleExpression.Span
    ) -> CheckedExpression {
        let (l, r) = operands(left, right)
        let source = slice(span)
        let result = CheckedExpression(node: .compare(op, l, r), type: .bool, text: source)
        if l.type.isInvalid || r.type.isInvalid {
            return CheckedExpression(node: .bool(false), type: .invalid, text: source)
        }
        guard shareCompares(left, right, l, r) else { return CheckedExpression(node: .bool(false), type: .invalid, text: source) }
        let equality = op == .equal || op == .notEqual
        switch (l.type, r.type) {
        case (.number, .number):
            return result
        case (.enumeration(let a), .enumeration(let b)) where a.name == b.name:
            if equality { return result }
            problem(
                span, "'\(op.rawValue)' compares numbers; '\(l.text)' is \(l.type.phrase): use == or != (or 'in [..]')")
        case (.bool, .bool), (.string, .string):
            if equality { return result }
            problem(span, "'\(op.rawValue)' compares numbers; '\(l.text)' is \(l.type.phrase): use == or !=")
        default:
            problem(span, "type mismatch: '\(l.text)' is \(l.type.phrase), but '\(r.text)' is \(r.type.phrase)")
        }
        return CheckedExpression(node: .bool(false), type: .invalid, text: source)
    }

    private mutating func checkIn(
        _ left: RuleExpression, _ items: [RuleExpression], negated: Bool, _ span: RuleExpression.Span
    ) -> CheckedExpression {
        let l = check(left)
        let source = slice(span)
        var checkedItems: [CheckedExpression] = []
        var valid = !l.type.isInvalid
        for item in items {
            let c = operand(item, against: l)
            switch (l.type, c.type) {
            case (_, .invalid), (.invalid, _): valid = false
            case (.number, .number), (.string, .string): checkedItems.append(c)
            case (.enumeration(let a), .enumeration(let b)) where a.name == b.name: checkedItems.append(c)
            default:
                problem(
                    item.span,
                    "type mismatch in 'in': '\(l.text)' is \(l.type.phrase), but '\(c.text)' is \(c.type.phrase)")
                valid = false
            }
        }
        if case .bool = l.type {
            problem(left.span, "'in' needs a value; '\(l.text)' is already a condition")
            valid = false
        }
        guard valid else { return CheckedExpression(node: .bool(false), type: .invalid, text: source) }
        return CheckedExpression(node: .inList(l, checkedItems, negated: negated), type: .bool, text: source)
    }

    // MARK: - Problems

    mutating func problem(_ span: RuleExpression.Span, _ message: String, note: String? = nil, fixIt: String? = nil) {
        problems.append(
            RuleProblem(
                start: span.start, length: max(1, span.end - span.start), message: message, note: note, fixIt: fixIt))
    }

    func slice(_ span: RuleExpression.Span) -> String {
        let start = max(0, min(span.start, text.count))
        let end = max(start, min(span.end, text.count))
        return String(String.UnicodeScalarView(text[start..<end]))
    }

    mutating func withElementScope<T>(_ list: ListAccess, _ body: (inout TypeChecker) -> T) -> T {
        scope.append(list)
        defer { scope.removeLast() }
        return body(&self)
    }
}
