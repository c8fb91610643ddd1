extension YAMLNode {
    /// The document with `override` applied: the node at its path replaced (or a missing last key
    /// added), keeping the original node's place in the file for the diagnostics that follow.
    func applying(_ override: StrategyOverride) throws(OverrideError) -> YAMLNode {
        try applying(try resolvingParameter(override), depth: 0)
    }

    /// `NAME=VALUE` sets the parameter NAME when the file has no top-level key of that name and its
    /// `params:` has one; a parameter written `{type: …, value: …}` takes the value.
    private func resolvingParameter(_ override: StrategyOverride) throws(OverrideError) -> StrategyOverride {
        guard case .mapping(let pairs) = content else { return override }
        let entries: [YAMLPair] =
            if let params = pairs.value("params"), case .mapping(let entries) = params.content { entries } else { [] }
        var path = override.path
        if path.count == 1, !pairs.contains(where: { $0.key == path[0] }) {
            if entries.contains(where: { $0.key == path[0] }) {
                path = ["params", path[0]]
            } else if let near = Spelling.suggestion(for: path[0], among: entries.map(\.key)) {
                throw OverrideError(
                    argument: override.description, message: "no key or parameter '\(path[0])' in the strategy file; did you mean the parameter '\(near)'?")
            } else if !StrategyDecoder.topKeys.contains(path[0]) {
                let parameters = entries.isEmpty ? "it has no params: block" : "its parameters: " + entries.map(\.key).joined(separator: ", ")
                let near = Spelling.suggestion(for: path[0], among: StrategyDecoder.topKeys)
                throw OverrideError(
                    argument: override.description,
                    message: "no key or parameter '\(path[0])' in the strategy file (\(parameters))"
                        + (near.map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        if path.count == 2, path[0] == "params", let entry = entries.first(where: { $0.key == path[1] }),
            case .mapping = entry.value.content
        {
            path.append("value")
        }
        return StrategyOverride(path: path, value: override.value)
    }

    private func applying(_ override: StrategyOverride, depth: Int) throws(OverrideError) -> YAMLNode {
        let key = override.path[depth]
        let last = depth == override.path.count - 1
        let here = depth == 0 ? "the strategy file" : override.path[..<depth].joined(separator: ".")
        func fail(_ message: String) -> OverrideError { OverrideError(argument: override.description, message: message) }
        switch content {
        case .mapping(var pairs):
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                pairs[index].value =
                    last
                    ? try pairs[index].value.replaced(by: override)
                    : try pairs[index].value.applying(override, depth: depth + 1)
                // A whole rule replaced: its written text would describe the old one.
                if last && key == "when" { pairs.removeAll { $0.key == "text" } }
            } else if last, let near = Spelling.suggestion(for: key, among: pairs.map(\.key)) {
                // A typo of a key the file has, rather than a key it leaves out.
                throw fail("no key '\(key)' in \(here); did you mean '\(near)'?")
            } else if last {
                let node = YAMLNode(content: .scalar(YAMLScalar(value: override.value, style: .plain, tag: nil)), start: start, end: start)
                pairs.append(YAMLPair(key: key, keyNode: node, value: node))
            } else {
                let keys = pairs.map(\.key)
                throw fail(
                    "no key '\(key)' in \(here) (it has \(keys.joined(separator: ", ")))" + Spelling.hint(for: key, among: keys))
            }
            return YAMLNode(content: .mapping(pairs), start: start, end: end)
        case .sequence(var items):
            let names = items.compactMap { $0.mappingValue("name") }
            guard let index = Int(key).flatMap({ items.indices.contains($0) ? $0 : nil }) ?? items.firstIndex(where: { $0.mappingValue("name") == key })
            else {
                throw fail(
                    "no element '\(key)' in \(here) (give its name: \(names.joined(separator: ", ")), or an index 0–\(items.count - 1))"
                        + Spelling.hint(for: key, among: names))
            }
            items[index] = last ? try items[index].replaced(by: override) : try items[index].applying(override, depth: depth + 1)
            return YAMLNode(content: .sequence(items), start: start, end: end)
        case .scalar(let scalar):
            throw fail("\(here) is a value ('\(scalar.value)'), not a mapping or a list: the path ends there")
        }
    }

    /// The node an override's value puts in place of this one.
    private func replaced(by override: StrategyOverride) throws(OverrideError) -> YAMLNode {
        func fail(_ message: String) -> OverrideError { OverrideError(argument: override.description, message: message) }
        switch content {
        case .scalar:
            return YAMLNode(content: .scalar(YAMLScalar(value: override.value, style: .plain, tag: nil)), start: start, end: end)
        case .mapping(var pairs):
            guard let whenIndex = pairs.firstIndex(where: { $0.key == "when" }), let rule = pairs[whenIndex].value.scalar?.value else {
                throw fail("this is a mapping; set one of its keys: \(pairs.map(\.key).joined(separator: ", "))")
            }
            guard Double(override.value) != nil else {
                throw fail(
                    "this is a rule (\(rule)): give a number to replace the one number it compares with, or set .when to a whole rule")
            }
            let (newRule, old) = try RuleNumber.replace(in: rule, with: override.value, override: override)
            pairs[whenIndex].value.content = .scalar(YAMLScalar(value: newRule, style: .plain, tag: nil))
            if let textIndex = pairs.firstIndex(where: { $0.key == "text" }), let text = pairs[textIndex].value.scalar?.value {
                pairs[textIndex].value.content = .scalar(
                    YAMLScalar(value: RuleNumber.replacing(old, with: override.value, in: text), style: .plain, tag: nil))
            }
            return YAMLNode(content: .mapping(pairs), start: start, end: end)
        case .sequence(let items):
            // A list parameter is replaced whole: `--set locations=[NEAR_HOD, BREAKOUT]`.
            if override.path.count == 2, override.path[0] == "params" {
                return YAMLNode(content: .scalar(YAMLScalar(value: override.value, style: .plain, tag: nil)), start: start, end: end)
            }
            throw fail("this is a list of \(items.count); add an index or an element's name to the path")
        }
    }

    /// The scalar under `key` of a mapping node.
    func mappingValue(_ key: String) -> String? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.value(key)?.scalar?.value
    }
}

/// The one number of a rule, found by the rule lexer.
enum RuleNumber {
    /// `rule` with its single number literal (a unary minus included) replaced by `value`, and the
    /// literal it replaced.
    static func replace(in rule: String, with value: String, override: StrategyOverride) throws(OverrideError) -> (String, String) {
        func fail(_ message: String) -> OverrideError { OverrideError(argument: override.description, message: message) }
        guard case .success(let tokens) = Lexer.tokenize(rule) else { throw fail("the rule (\(rule)) does not parse") }
        let numbers = tokens.indices.filter { if case .number = tokens[$0].kind { true } else { false } }
        guard numbers.count == 1, let index = numbers.first else {
            // A rule that names a parameter is changed through the parameter.
            let parameters = tokens.compactMap { token -> String? in
                guard case .name(let name) = token.kind, name.first?.isLowercase == true,
                    !StrategyDecoder.reservedParameterNames.contains(name)
                else { return nil }
                return name
            }
            if numbers.isEmpty, let parameter = parameters.first {
                throw fail("the rule (\(rule)) compares with the parameter \(parameter): set it, --set \(parameter)=\(value)")
            }
            let found = numbers.map { tokens[$0].text }.joined(separator: ", ")
            throw fail(
                numbers.isEmpty
                    ? "the rule (\(rule)) compares with no number; set .when to a whole rule instead"
                    : "the rule (\(rule)) has \(numbers.count) numbers (\(found)); set .when to a whole rule instead")
        }
        var start = tokens[index].start
        var literal = tokens[index].text
        if index > 0, tokens[index - 1].kind == .symbol(.minus), index == 1 || Self.opensOperand(tokens[index - 2].kind) {
            start = tokens[index - 1].start
            literal = "-" + literal
        }
        var scalars = Array(rule.unicodeScalars)
        scalars.replaceSubrange(start..<tokens[index].end, with: Array(value.unicodeScalars))
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return (result, literal)
    }

    /// True after a token that an operand follows: a minus after it is a sign, not a subtraction.
    private static func opensOperand(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .symbol(let symbol): symbol != .rightParen && symbol != .rightBracket
        case .keyword(let keyword): keyword != .true && keyword != .false
        default: false
        }
    }

    /// `text` with each standalone `old` (not part of a longer number) replaced by `new`.
    static func replacing(_ old: String, with new: String, in text: String) -> String {
        let characters = Array(text)
        let target = Array(old)
        var result = ""
        var index = 0
        func isNumberPart(_ character: Character) -> Bool { character.isNumber || character == "." }
        while index < characters.count {
            let end = index + target.count
            if end <= characters.count, Array(characters[index..<end]) == target,
                index == 0 || !isNumberPart(characters[index - 1]) && (old.hasPrefix("-") || characters[index - 1] != "-"),
                end == characters.count || !isNumberPart(characters[end])
            {
                result += new
                index = end
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
