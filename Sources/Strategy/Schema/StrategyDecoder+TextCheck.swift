/// #12: a rule's `text:` is what the model reads, the `when:` is what the checklist enforces. An
/// edit to one that leaves the other behind (`when: RVOL_DAY > 0.3` under `text: RVOL_DAY > 1.5`)
/// would let the model and the checklist judge by different rules, so the numbers must agree.
extension StrategyDecoder {
    /// A number written in a rule or a text, with where it stands.
    struct WrittenNumber {
        var value: Double
        var text: String
        var location: SourceLocation
    }

    /// Checks an explicit `text:` against its rules: every number the text says must be one a rule
    /// uses, and (with `complete`) every number a rule uses must appear in the text. Hints pass
    /// `complete: false`: their text is context, but must not contradict the rule.
    mutating func checkText(
        _ textNode: YAMLNode, rules: [(YAMLNode, RuleExpression)], key: String, complete: Bool = true
    ) {
        guard let text = textNode.scalar?.value else { return }
        let said = Self.numbers(inText: text).map {
            WrittenNumber(value: $0.value, text: $0.text, location: source.location(ofOffset: $0.offset, in: textNode))
        }
        var used: [WrittenNumber] = []
        for (node, tree) in rules {
            Self.numbers(in: tree) { value, literal, offset in
                used.append(WrittenNumber(value: value, text: literal, location: source.location(ofOffset: offset, in: node)))
            }
        }
        let unsaid = used.filter { constant in !said.contains { $0.value == constant.value } }
        for number in said where !used.contains(where: { $0.value == number.value }) {
            let other = unsaid.first.map { "; the rule compares with \($0.text) at \($0.location.line):\($0.location.column)" }
            diagnostics.append(
                Diagnostic(
                    file: fileName, location: number.location, length: number.text.count,
                    message:
                        "text says \(number.text) at \(number.location.line):\(number.location.column)"
                        + (other ?? ", a number '\(key)' does not use"),
                    note: "the prompt must say what the checklist enforces: make the text and the rule agree"))
        }
        guard complete, said.allSatisfy({ number in used.contains { $0.value == number.value } }) else { return }
        for constant in unsaid {
            diagnostics.append(
                Diagnostic(
                    file: fileName, location: constant.location, length: constant.text.count,
                    message:
                        "the rule compares with \(constant.text) at \(constant.location.line):\(constant.location.column) "
                        + "but its text never says \(constant.text)",
                    note: "write the number in 'text:', or leave 'text:' out to send the rule itself"))
        }
    }

    /// The numeric literals of a rule tree, in order, with their offsets in the rule text.
    static func numbers(in tree: RuleExpression, _ found: (Double, String, Int) -> Void) {
        switch tree {
        case .number(let value, let text, let span): found(value, text, span.start)
        case .string, .bool, .name: break
        case .member(let base, _, _), .index(let base, _, _), .negate(let base, _), .not(let base, _):
            numbers(in: base, found)
        case .call(_, _, let arguments, _): for argument in arguments { numbers(in: argument, found) }
        case .arithmetic(_, let left, let right, _), .compare(_, let left, let right, _), .and(let left, let right, _),
            .or(let left, let right, _):
            numbers(in: left, found)
            numbers(in: right, found)
        case .inList(let base, let list, _, _):
            numbers(in: base, found)
            for item in list { numbers(in: item, found) }
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
