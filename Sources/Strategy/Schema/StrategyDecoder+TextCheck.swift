/// #12: a rule's `text:` is what the model reads, the `when:` is what the checklist enforces. An
/// edit to one that leaves the other behind (`when: RVOL_DAY > 0.3` under `text: RVOL_DAY > 1.5`)
/// would let the model and the checklist judge by different rules, so the numbers must agree.
extension StrategyDecoder {
    /// A number written in a rule or a text, with where it stands.
    struct WrittenNumber {
        var value: Double
        var text: String
        var location: SourceLocation
        var file: String
    }

    /// Checks an explicit `text:` against its rules: every number the text says must be one a rule
    /// uses, and (with `complete`) every number a rule uses must appear in the text. Hints pass
    /// `complete: false`: their text is context, but must not contradict the rule.
    /// - Parameter enumsComplete: every enum value the rule compares must be named too (entry
    ///   conditions); exit texts may leave a side implicit, as the seed's do ("a wall before your
    ///   target" for `side == ASK`), but may not name another value.
    mutating func checkText(
        _ textNode: YAMLNode, rules: [(YAMLNode, RuleExpression)], key: String, complete: Bool = true,
        enumsComplete: Bool? = nil
    ) {
        guard let text = textNode.scalar?.value else { return }
        let said = Self.numbers(inText: text).map {
            WrittenNumber(
                value: $0.value, text: $0.text, location: self.text(of: textNode).location(ofOffset: $0.offset, in: textNode),
                file: file(of: textNode))
        }
        var used: [WrittenNumber] = []
        for (node, tree) in rules {
            Self.numbers(in: tree) { value, literal, offset in
                used.append(
                    WrittenNumber(
                        value: value, text: literal, location: self.text(of: node).location(ofOffset: offset, in: node),
                        file: file(of: node)))
            }
        }
        let unsaid = used.filter { constant in !said.contains { $0.value == constant.value } }
        for number in said where !used.contains(where: { $0.value == number.value }) {
            let other = unsaid.first.map { "; the rule compares with \($0.text) at \($0.location.line):\($0.location.column)" }
            diagnostics.append(
                Diagnostic(
                    file: number.file, location: number.location, length: number.text.count,
                    message:
                        "text says \(number.text) at \(number.location.line):\(number.location.column)"
                        + (other ?? ", a number '\(key)' does not use"),
                    note: "the prompt must say what the checklist enforces: make the text and the rule agree"))
        }
        checkEnumWords(textNode, text: text, rules: rules, key: key, complete: enumsComplete ?? complete)
        guard complete, said.allSatisfy({ number in used.contains { $0.value == number.value } }) else { return }
        for constant in unsaid {
            diagnostics.append(
                Diagnostic(
                    file: constant.file, location: constant.location, length: constant.text.count,
                    message:
                        "the rule compares with \(constant.text) at \(constant.location.line):\(constant.location.column) "
                        + "but its text never says \(constant.text)",
                    note: "write the number in 'text:', or leave 'text:' out to send the rule itself"))
        }
    }

    /// The enum values a text names must be ones its rule uses, of the kinds the rule compares (a
    /// text under `CVD_TREND == FALLING` saying RISING contradicts it; saying EXIT, an order role,
    /// does not); and (with `complete`) every value the rule uses must be named.
    private mutating func checkEnumWords(
        _ textNode: YAMLNode, text: String, rules: [(YAMLNode, RuleExpression)], key: String, complete: Bool
    ) {
        var used: [(word: String, location: SourceLocation, file: String)] = []
        for (node, tree) in rules {
            Self.enumWords(in: tree) { word, offset in
                used.append((word, self.text(of: node).location(ofOffset: offset, in: node), file(of: node)))
            }
        }
        guard !used.isEmpty else { return }
        let family = Set(used.flatMap { Self.enumFamily(of: $0.word) })
        let said = Self.words(inText: text).filter { family.contains($0.word) }
        for word in said where !used.contains(where: { $0.word == word.word }) {
            let location = self.text(of: textNode).location(ofOffset: word.offset, in: textNode)
            let rule = used.map(\.word).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    file: file(of: textNode), location: location, length: word.word.unicodeScalars.count,
                    message: "text says \(word.word) at \(location.line):\(location.column); the rule compares with \(rule) at "
                        + "\(used[0].location.line):\(used[0].location.column)",
                    note: "the prompt must say what the checklist enforces: make the text and the rule agree"))
        }
        // A text naming another value is reported once, as the contradiction it is.
        guard complete, said.allSatisfy({ word in used.contains { $0.word == word.word } }) else { return }
        for value in used where !said.contains(where: { $0.word == value.word }) {
            diagnostics.append(
                Diagnostic(
                    file: value.file, location: value.location, length: value.word.unicodeScalars.count,
                    message: "the rule compares with \(value.word) at \(value.location.line):\(value.location.column) but its text "
                        + "never says \(value.word)",
                    note: "write the value in 'text:', or leave 'text:' out to send the rule itself"))
        }
    }

    /// Enum values compared in a rule (`FALLING` in `CVD_TREND == FALLING`), with offsets.
    static func enumWords(in tree: RuleExpression, _ found: (String, Int) -> Void) {
        tree.forEachNode { node in
            // TARGET, STOP and ENTRY are prices here, not order roles.
            guard case .name(let word, let span) = node, RuleNames.enumOwners[word] != nil, RuleNames.topField(named: word) == nil
            else { return }
            found(word, span.start)
        }
    }

    /// Every value of the enum types that have `word` (the kinds a rule naming it compares).
    static func enumFamily(of word: String) -> [String] {
        let owners = Set(RuleNames.enumOwners[word] ?? [])
        return RuleNames.enumOwners.filter { !owners.isDisjoint(with: $0.value) }.map(\.key)
    }

    /// Upper-case words of a text (`AGGRESSIVE_BUYING`), as offsets in Unicode scalars.
    static func words(inText text: String) -> [(word: String, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        func isWordPart(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" }
        var found: [(String, Int)] = []
        var index = 0
        while index < scalars.count {
            guard ("A"..."Z").contains(scalars[index]), index == 0 || !isWordPart(scalars[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isWordPart(scalars[end]) { end += 1 }
            if end == scalars.count || !("a"..."z").contains(scalars[end]) {
                found.append((String(String.UnicodeScalarView(scalars[index..<end])), index))
            }
            index = end
        }
        return found
    }

    /// The numeric literals of a rule tree, in order, with their offsets in the rule text.
    static func numbers(in tree: RuleExpression, _ found: (Double, String, Int) -> Void) {
        tree.forEachNode { node in
            switch node {
            case .number(let value, let text, let span): found(value, text, span.start)
            case .share(_, let text, let span):
                // The text says the share as written: `0.02%` says 0.02.
                let digits = String(text.prefix { $0.isNumber || $0 == "." || $0 == "-" })
                if let value = Double(digits) { found(value, digits, span.start) }
            default: break
            }
        }
    }

    /// The numbers a text says: digits not inside a name (`TAPE_DELTA_5S`, `LARGE_PRINTS_1M`),
    /// with a decimal part (`0.20` in `0.20%`), as offsets in Unicode scalars.
    static func numbers(inText text: String) -> [(value: Double, text: String, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ index: Int) -> Bool { index < scalars.count && ("0"..."9").contains(scalars[index]) }
        func isNamePart(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count
                && (("A"..."Z").contains(scalars[index]) || ("a"..."z").contains(scalars[index]) || scalars[index] == "_")
        }
        var found: [(Double, String, Int)] = []
        var index = 0
        while index < scalars.count {
            guard isDigit(index), !isNamePart(index - 1), !(index > 0 && (isDigit(index - 1) || scalars[index - 1] == ".")) else {
                index += 1
                continue
            }
            var end = index
            while isDigit(end) { end += 1 }
            if end < scalars.count, scalars[end] == ".", isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            if !isNamePart(end) {
                let literal = String(String.UnicodeScalarView(scalars[index..<end]))
                if let value = Double(literal) { found.append((value, literal, index)) }
            }
            index = end
        }
        return found
    }
}
