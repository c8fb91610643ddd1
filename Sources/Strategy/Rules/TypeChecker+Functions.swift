extension TypeChecker {
    /// Calls of built-in functions and quantifiers.
    mutating func checkCall(
        _ name: String, _ nameSpan: RuleExpression.Span, _ arguments: [RuleExpression], _ span: RuleExpression.Span
    ) -> CheckedExpression {
        let source = slice(span)
        guard let function = RuleFunction(rawValue: name) else {
            if RuleNames.topField(named: name) != nil {
                problem(nameSpan, "'\(name)' is a field, not a function")
            } else {
                let suggestion = Spelling.suggestion(for: name, among: RuleFunction.allCases.map(\.rawValue))
                problem(
                    nameSpan, "unknown function '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                    note: "functions: \(RuleFunction.allCases.map(\.rawValue).joined(separator: ", "))",
                    fixIt: suggestion)
            }
            return .invalid
        }
        let range: ClosedRange<Int> =
            switch function {
            case .abs, .pctFromLast, .isNull, .prev: 1...1
            case .pctFrom, .any, .all, .none: 2...2
            case .min, .max: 2...16
            case .count: 1...2
            case .minOf, .maxOf, .sumOf: 2...3
            }
        guard range.contains(arguments.count) else {
            let expected = range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            let plural = range.upperBound == 1 ? "" : "s"
            problem(
                span, "'\(name)' takes \(expected) argument\(plural), found \(arguments.count)",
                note: "write it as \(function.signature)")
            return .invalid
        }
        if function.isQuantifier { return checkQuantifier(function, arguments, source) }
        let checked = arguments.map { check($0) }
        if checked.contains(where: { $0.type.isInvalid }) { return .invalid }
        switch function {
        case .isNull, .prev:
            switch checked[0].type {
            case .list, .object, .element:
                problem(
                    arguments[0].span, "'\(name)' needs a value, but '\(checked[0].text)' is \(checked[0].type.phrase)")
                return .invalid
            default:
                if function == .prev, Self.readsCurrentElement(checked[0]) {
                    problem(
                        arguments[0].span,
                        "prev() cannot read a field of the list element being tested: the previous tick's list differs",
                        note: "quantify inside prev instead, e.g. prev(count(DOM_WALLS, side == ASK))")
                    return .invalid
                }
                let node: CheckedExpression.Node = function == .isNull ? .isNull(checked[0]) : .previous(checked[0])
                return CheckedExpression(node: node, type: function == .isNull ? .bool : checked[0].type, text: source)
            }
        default:
            var kinds: [ValueType.Numeric] = []
            for (argument, expression) in zip(checked, arguments) {
                guard let kind = argument.type.numeric else {
                    problem(
                        expression.span, "'\(name)' needs numbers, but '\(argument.text)' is \(argument.type.phrase)")
                    return .invalid
                }
                kinds.append(kind)
            }
            let kind: ValueType.Numeric =
                switch function {
                case .pctFromLast, .pctFrom: .number
                case .abs: kinds[0]
                default: kinds.contains(.price) ? .price : (kinds.allSatisfy { $0 == .integer } ? .integer : .number)
                }
            return CheckedExpression(node: .function(function, checked), type: .number(kind), text: source)
        }
    }

    private mutating func checkQuantifier(_ function: RuleFunction, _ arguments: [RuleExpression], _ source: String)
        -> CheckedExpression
    {
        let list = check(arguments[0])
        guard case .list(let access) = list.type else {
            if !list.type.isInvalid {
                problem(
                    arguments[0].span,
                    "'\(function.rawValue)' needs a list as its first argument (such as DOM_WALLS or LARGE_PRINTS_1M), but '\(list.text)' is \(list.type.phrase)"
                )
            }
            return .invalid
        }
        return withElementScope(access) { checker -> CheckedExpression in
            switch function {
            case .any, .all, .none, .count:
                guard arguments.count == 2 else {
                    return CheckedExpression(node: .count(access, nil), type: .number(.integer), text: source)
                }
                let predicate = checker.check(arguments[1])
                guard case .bool = predicate.type else {
                    if !predicate.type.isInvalid {
                        checker.problem(
                            arguments[1].span,
                            "the second argument of '\(function.rawValue)' must be a condition on each element, but '\(predicate.text)' is \(predicate.type.phrase)"
                        )
                    }
                    return .invalid
                }
                if function == .count {
                    return CheckedExpression(node: .count(access, predicate), type: .number(.integer), text: source)
                }
                return CheckedExpression(node: .quantifier(function, access, predicate), type: .bool, text: source)
            default:
                let value = checker.check(arguments[1])
                guard let kind = value.type.numeric else {
                    if !value.type.isInvalid {
                        checker.problem(
                            arguments[1].span,
                            "the second argument of '\(function.rawValue)' must be a number from each element, but '\(value.text)' is \(value.type.phrase)"
                        )
                    }
                    return .invalid
                }
                var predicate: CheckedExpression?
                if arguments.count == 3 {
                    let condition = checker.check(arguments[2])
                    guard case .bool = condition.type else {
                        if !condition.type.isInvalid {
                            checker.problem(
                                arguments[2].span,
                                "the third argument of '\(function.rawValue)' must be a condition on each element, but '\(condition.text)' is \(condition.type.phrase)"
                            )
                        }
                        return .invalid
                    }
                    predicate = condition
                }
                let resultKind: ValueType.Numeric = function == .sumOf && kind == .number ? .number : kind
                return CheckedExpression(
                    node: .aggregate(function, access, value, predicate), type: .number(resultKind), text: source)
            }
        }
    }

    /// True when the expression reads a field of the enclosing quantifier's element (reads inside
    /// a nested quantifier belong to that quantifier's own elements).
    static func readsCurrentElement(_ e: CheckedExpression) -> Bool {
        switch e.node {
        case .read(let access):
            if case .element = access.scope { return true }
            return false
        case .number, .bool, .enumValue, .string, .count, .aggregate, .quantifier:
            return false
        case .negate(let a), .not(let a), .isNull(let a), .previous(let a):
            return readsCurrentElement(a)
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return readsCurrentElement(a) || readsCurrentElement(b)
        case .function(_, let arguments):
            return arguments.contains(where: readsCurrentElement)
        case .inList(let a, let items, _):
            return readsCurrentElement(a) || items.contains(where: readsCurrentElement)
        }
    }
}
