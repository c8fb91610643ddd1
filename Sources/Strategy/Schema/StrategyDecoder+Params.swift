import MarketData
import StateVector

extension StrategyDecoder {
    static let parameterKeys = ["type", "value", "doc"]

    /// Names a parameter may not take: what a rule already means by them (element fields such as
    /// `price` inside a quantifier, functions, keywords).
    static let reservedParameterNames: Set<String> = {
        var names = Set(RuleFunction.allCases.map(\.rawValue))
        names.formUnion(["and", "or", "not", "in", "true", "false", "null"])
        func visit(_ fields: [Field]) {
            for field in fields {
                names.insert(field.name)
                switch field.kind {
                case .object(let children), .list(let children, _, _): visit(children)
                default: break
                }
            }
        }
        visit(StateSchema.ruleFields)
        for section in StateSchema.sections { visit([section.field]) }
        return names
    }()

    /// Reads `params:`: `name: value` (a number, an enum value, or a list of them) or `name: {type:
    /// …, value: …, doc: …}`. Each parameter is checked against its type here; where it is used,
    /// its kind must fit.
    mutating func decodeParams(_ node: YAMLNode) -> [StrategyParameter] {
        guard let pairs = mapping(node, "'params'", example: "params: { imbalance_long: 1.5 }") else { return [] }
        var list: [StrategyParameter] = []
        for pair in pairs {
            guard checkParameterName(pair) else { continue }
            guard let parameter = decodeParameter(pair) else { continue }
            parameters[parameter.name] = parameter
            list.append(parameter)
        }
        return list
    }

    private mutating func checkParameterName(_ pair: YAMLPair) -> Bool {
        let name = pair.key
        let scalars = Array(name.unicodeScalars)
        let wellFormed =
            scalars.first.map { ("a"..."z").contains($0) } == true
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard wellFormed else {
            error(
                pair.keyNode, "parameter name '\(name)' must be lowercase letters, digits and '_', starting with a letter",
                length: scalars.count, note: "state fields are upper case (L2_IMBALANCE), so a parameter never hides one")
            return false
        }
        guard !Self.reservedParameterNames.contains(name) else {
            error(
                pair.keyNode, "parameter name '\(name)' is already a field, a function or a keyword of the rule language",
                length: scalars.count, fixIt: name + "_value")
            return false
        }
        return true
    }

    private mutating func decodeParameter(_ pair: YAMLPair) -> StrategyParameter? {
        let name = pair.key
        var kind: StrategyParameter.Kind?
        var valueNode = pair.value
        var doc: String?
        if case .mapping(let fields) = pair.value.content {
            checkKeys(fields, in: pair.value, allowed: Self.parameterKeys, required: ["value"], context: "parameter '\(name)'")
            if let typeNode = fields.value("type"), let word = text(typeNode, key: "type") {
                kind = StrategyParameter.Kind(rawValue: word)
                if kind == nil {
                    unknownWord(typeNode, word, key: "type", among: StrategyParameter.Kind.allCases.map(\.rawValue))
                    return nil
                }
            }
            doc = fields.value("doc").flatMap { text($0, key: "doc") }
            guard let value = fields.value("value") else { return nil }
            valueNode = value
        }
        guard let (kind, text, words) = parameterValue(valueNode, declared: kind, name: name) else { return nil }
        return StrategyParameter(
            name: name, kind: kind, text: text, words: words, doc: doc, location: pair.keyNode.start, file: file(of: pair.keyNode))
    }

    /// The value of a parameter, checked against its declared kind (or, with none, the kind its
    /// value shows: a number, an enum value, a list).
    private mutating func parameterValue(_ node: YAMLNode, declared: StrategyParameter.Kind?, name: String) -> (
        StrategyParameter.Kind, String, [String]
    )? {
        if case .sequence(let items) = node.content {
            guard declared == nil || declared == .list else {
                error(node, "parameter '\(name)' is declared \(declared?.rawValue ?? ""), but its value is a list")
                return nil
            }
            guard !items.isEmpty else {
                error(node, "parameter '\(name)' is an empty list; name at least one value")
                return nil
            }
            var words: [String] = []
            for item in items {
                guard let word = enumWord(item, name: name) else { return nil }
                words.append(word)
            }
            return (.list, words.joined(separator: ", "), words)
        }
        guard let scalar = node.scalar, !scalar.isNull, scalar.style == .plain else {
            error(node, "expected the value of parameter '\(name)': a number, an enum value or a list, found \(node.kindDescription)")
            return nil
        }
        let value = scalar.value
        // A list given on the command line (`--set locations=[NEAR_HOD, BREAKOUT]`) arrives as one scalar.
        if value.hasPrefix("["), value.hasSuffix("]"), declared == nil || declared == .list {
            let words = value.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let items = words.map { YAMLNode(content: .scalar(YAMLScalar(value: $0, style: .plain, tag: nil)), start: node.start, end: node.end) }
            return parameterValue(YAMLNode(content: .sequence(items), start: node.start, end: node.end), declared: .list, name: name)
        }
        switch declared {
        case nil:
            if let number = Double(value), number.isFinite { return (.number, value, []) }
            guard let word = enumWord(node, name: name) else { return nil }
            return (.enumValue, word, [word])
        case .number:
            guard let number = Double(value), number.isFinite else { return mismatch(node, name, "number", value) }
            return (.number, value, [])
        case .price:
            guard let price = Price(parsing: value), price >= .zero else {
                return mismatch(node, name, "price (dollars, at most 4 decimals, not negative)", value)
            }
            return (.price, value, [])
        case .percent:
            guard let number = Double(value), (0...100).contains(number) else {
                return mismatch(node, name, "percent (0 to 100, as written: 0.20 is 0.20 %)", value)
            }
            return (.percent, value, [])
        case .duration:
            guard let milliseconds = Self.milliseconds(value) else {
                return mismatch(node, name, "duration (1500, 1500ms or 1.5s)", value)
            }
            return (.duration, String(milliseconds), [])
        case .enumValue:
            guard let word = enumWord(node, name: name) else { return nil }
            return (.enumValue, word, [word])
        case .list:
            error(node, "parameter '\(name)' is declared list, but its value is '\(value)'", fixIt: "[\(value)]")
            return nil
        }
    }

    private mutating func mismatch(
        _ node: YAMLNode, _ name: String, _ expected: String, _ value: String
    ) -> (StrategyParameter.Kind, String, [String])? {
        error(node, "parameter '\(name)' must be a \(expected), found '\(value)'")
        return nil
    }

    /// An enum value of the state vector (`AGGRESSIVE_BUYING`), with a did-you-mean.
    private mutating func enumWord(_ node: YAMLNode, name: String) -> String? {
        guard let scalar = node.scalar, !scalar.isNull, scalar.style == .plain else {
            error(node, "expected an enum value in parameter '\(name)', found \(node.kindDescription)")
            return nil
        }
        let word = scalar.value
        guard RuleNames.enumOwners[word] == nil else { return word }
        let suggestion = Spelling.suggestion(for: word, among: RuleNames.enumOwners.keys.sorted())
        error(
            node,
            "parameter '\(name)': '\(word)' is neither a number nor an enum value of the state vector"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
            length: word.unicodeScalars.count, fixIt: suggestion)
        return nil
    }

    /// `1500`, `1500ms`, `1.5s` in whole milliseconds.
    static func milliseconds(_ text: String) -> Int64? {
        let (digits, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1) : text.hasSuffix("s") ? (text.dropLast(), 1000) : (Substring(text), 1)
        guard let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        let milliseconds = (number * scale).rounded()
        guard milliseconds == number * scale, milliseconds <= 86_400_000 else { return nil }
        return Int64(milliseconds)
    }

    /// Every parameter nothing refers to is an error: a trader who renames a rule's threshold and
    /// forgets the parameter would otherwise sweep a value that changes nothing.
    mutating func reportUnusedParameters(_ list: [StrategyParameter]) {
        // A base's parameter that an extending file's own setting no longer needs is not an error.
        for parameter in list where !usedParameters.contains(parameter.name) && parameter.file == fileName {
            diagnostics.append(
                Diagnostic(
                    file: parameter.file, location: parameter.location, length: parameter.name.unicodeScalars.count,
                    message: "parameter '\(parameter.name)' is never used",
                    note: "refer to it by name in a rule (when: L2_IMBALANCE > \(parameter.name)) or a setting (max_spread: "
                        + "\(parameter.name)), or remove it"))
        }
    }
}

extension StrategyParameter.Kind {
    /// `a number`, `an enum value`.
    var article: String {
        switch self {
        case .number: "a number"
        case .price: "a price"
        case .percent: "a percent"
        case .duration: "a duration"
        case .enumValue: "an enum value"
        case .list: "a list"
        }
    }
}
