extension RuleExpression {
    /// The rule with every parameter name replaced by its value: a number, an enum value, or inside
    /// `in [...]` a list's values. Each replacement keeps the name's span, so a diagnostic still
    /// points at the name in the file; `replacements` collects them to render the rule's text with
    /// the values (what the prompt shows).
    func substituting(
        _ parameters: [String: StrategyParameter], used: inout Set<String>, replacements: inout [(Span, String)]
    ) -> RuleExpression {
        guard !parameters.isEmpty else { return self }
        func sub(_ e: RuleExpression) -> RuleExpression { e.substituting(parameters, used: &used, replacements: &replacements) }
        switch self {
        case .number, .share, .string, .bool:
            return self
        case .name(let name, let span):
            guard let parameter = parameters[name], parameter.kind != .list else { return self }
            used.insert(name)
            replacements.append((span, parameter.text))
            if parameter.kind == .enumValue { return .name(parameter.text, span) }
            return .number(Double(parameter.text) ?? .nan, text: parameter.text, span)
        case .member(let base, let member, let span):
            return .member(sub(base), member, span)
        case .index(let base, let index, let span):
            return .index(sub(base), index, span)
        case .call(let name, let nameSpan, let arguments, let span):
            return .call(name, nameSpan: nameSpan, arguments.map(sub), span)
        case .negate(let operand, let span):
            return .negate(sub(operand), span)
        case .arithmetic(let op, let left, let right, let span):
            return .arithmetic(op, sub(left), sub(right), span)
        case .compare(let op, let left, let right, let span):
            return .compare(op, sub(left), sub(right), span)
        case .inList(let left, let items, let negated, let span):
            var expanded: [RuleExpression] = []
            for item in items {
                if case .name(let name, let itemSpan) = item, let parameter = parameters[name], parameter.kind == .list {
                    used.insert(name)
                    replacements.append((itemSpan, parameter.text))
                    expanded += parameter.words.map { .name($0, itemSpan) }
                } else {
                    expanded.append(sub(item))
                }
            }
            return .inList(sub(left), expanded, negated: negated, span)
        case .and(let left, let right, let span):
            return .and(sub(left), sub(right), span)
        case .or(let left, let right, let span):
            return .or(sub(left), sub(right), span)
        case .not(let operand, let span):
            return .not(sub(operand), span)
        }
    }

    /// `text` with each span replaced (spans are Unicode-scalar offsets that do not overlap).
    static func rendering(_ text: String, _ replacements: [(Span, String)]) -> String {
        guard !replacements.isEmpty else { return text }
        var scalars = Array(text.unicodeScalars)
        for (span, value) in replacements.sorted(by: { $0.0.start > $1.0.start }) where span.end <= scalars.count {
            scalars.replaceSubrange(span.start..<span.end, with: value.unicodeScalars)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
