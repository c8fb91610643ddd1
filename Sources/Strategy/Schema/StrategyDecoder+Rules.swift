import StateVector

extension StrategyDecoder {
    enum RuleKind { case condition, price }

    /// Parses and type-checks the rule in a scalar node; problems are positioned in the file.
    mutating func rule(_ node: YAMLNode, key: String, kind: RuleKind = .condition) -> (
        RuleExpression, CheckedExpression
    )? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error(
                node, "expected a rule for '\(key)', found \(node.kindDescription)",
                note: "for example: \(key): L2_IMBALANCE > 1.5")
            return nil
        }
        let text = scalar.value
        switch RuleParser.parse(text) {
        case .failure(let failure):
            ruleError(node, RuleProblem(start: failure.offset, length: failure.length, message: failure.message))
            return nil
        case .success(let parsed):
            var replacements: [(RuleExpression.Span, String)] = []
            let tree = parsed.substituting(parameters, used: &usedParameters, replacements: &replacements)
            if !replacements.isEmpty { renderedRules[node.start] = RuleExpression.rendering(text, replacements) }
            var checker = TypeChecker(text: text, parameterNames: parameters.keys.sorted())
            let checked =
                kind == .condition
                ? checker.checkCondition(tree, role: "'\(key)'") : checker.checkPrice(tree, role: "'\(key)'")
            for problem in checker.problems { ruleError(node, problem) }
            guard checker.problems.isEmpty, !checked.type.isInvalid else { return nil }
            return (tree, checked)
        }
    }

    /// The rule of `node` as the checklist runs it: its text with each parameter's value in place
    /// of the name (the prompt, the journal and the funnel show this).
    func ruleSource(_ node: YAMLNode) -> String? {
        renderedRules[node.start] ?? node.scalar?.value
    }

    private mutating func ruleError(_ node: YAMLNode, _ problem: RuleProblem) {
        let start = text(of: node).location(ofOffset: problem.start, in: node)
        let end = text(of: node).location(ofOffset: problem.start + problem.length, in: node)
        let length = end.line == start.line && end.column > start.column ? end.column - start.column : 1
        diagnostics.append(
            Diagnostic(
                file: file(of: node), location: start, length: length, message: problem.message, note: problem.note,
                fixIt: problem.fixIt))
    }

    // MARK: - entry

    mutating func decodeEntries(_ node: YAMLNode, into rules: inout CompiledRules) {
        guard let pairs = mapping(node, "'entry'", example: "entry: { long: [...], short: [...] }") else { return }
        checkKeys(pairs, in: node, allowed: ["long", "short"], required: [], context: "'entry'")
        if pairs.isEmpty { error(node, "'entry' needs a 'long' or a 'short' list of conditions") }
        for (key, side) in [("long", PositionSide.long), ("short", .short)] {
            guard let list = pairs.value(key), let items = sequence(list, "'entry.\(key)'") else { continue }
            if items.isEmpty { error(list, "'entry.\(key)' has no conditions; remove it or add one") }
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard let condition = decodeCondition(item, side: side, context: "entry.\(key)", seen: &seen) else {
                    continue
                }
                if side == .long { rules.longEntries.append(condition) } else { rules.shortEntries.append(condition) }
            }
        }
    }

    private mutating func decodeCondition(
        _ node: YAMLNode, side: PositionSide, context: String, seen: inout [String: SourceLocation]
    ) -> CompiledRules.Condition? {
        guard
            let pairs = mapping(
                node, "a condition of '\(context)'", example: "- name: imbalance\n  when: L2_IMBALANCE > 1.5")
        else {
            return nil
        }
        checkKeys(
            pairs, in: node, allowed: ["name", "when", "text"], required: ["name", "when"],
            context: "a condition of '\(context)'")
        let name = uniqueName(pairs, context: context, seen: &seen)
        let text = pairs.value("text").flatMap { self.text($0, key: "text") }
        guard let whenNode = pairs.value("when"), let (tree, checked) = rule(whenNode, key: "when"), let name,
            let source = ruleSource(whenNode)
        else { return nil }
        if let textNode = pairs.value("text"), text != nil { checkText(textNode, rules: [(whenNode, tree)], key: "when") }
        let definition = EntryCondition(
            name: name, side: side, rule: source, text: text ?? RuleRendering.text(tree), location: whenNode.start)
        return CompiledRules.Condition(definition: definition, code: RuleCompiler.condition(checked), tree: tree)
    }

    private mutating func uniqueName(_ pairs: [YAMLPair], context: String, seen: inout [String: SourceLocation])
        -> String?
    {
        guard let node = pairs.value("name"), let name = text(node, key: "name") else { return nil }
        if let first = seen[name] {
            error(
                node, "duplicate name '\(name)' in '\(context)'",
                note: "first used at line \(first.line); names must differ within a list")
            return nil
        }
        seen[name] = node.start
        return name
    }

    // MARK: - exit

    static let actions = ["exit", "tighten_stop", "update_target"]

    mutating func decodeExits(_ node: YAMLNode, into rules: inout CompiledRules) {
        guard let pairs = mapping(node, "'exit'", example: "exit: { long: [...], short: [...] }") else { return }
        checkKeys(pairs, in: node, allowed: ["long", "short"], required: [], context: "'exit'")
        for (key, side) in [("long", PositionSide.long), ("short", .short)] {
            guard let list = pairs.value(key), let items = sequence(list, "'exit.\(key)'") else { continue }
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard let exit = decodeExit(item, side: side, context: "exit.\(key)", seen: &seen) else { continue }
                if side == .long { rules.longExits.append(exit) } else { rules.shortExits.append(exit) }
            }
        }
    }

    private mutating func decodeExit(
        _ node: YAMLNode, side: PositionSide, context: String, seen: inout [String: SourceLocation]
    ) -> CompiledRules.Exit? {
        let example = "- name: imbalance_reversal\n  when: L2_IMBALANCE < 0.7\n  action: exit"
        guard let pairs = mapping(node, "an exit rule of '\(context)'", example: example) else { return nil }
        checkKeys(
            pairs, in: node, allowed: ["name", "when", "action", "stop", "target", "text"],
            required: ["name", "when", "action"],
            context: "an exit rule of '\(context)'")
        let name = uniqueName(pairs, context: context, seen: &seen)
        let text = pairs.value("text").flatMap { self.text($0, key: "text") }
        let condition = pairs.value("when").flatMap { rule($0, key: "when") }
        var action: ExitAction?
        var value: NumberCode?
        var parameterRule: (YAMLNode, RuleExpression)?
        if let actionNode = pairs.value("action"), let word = self.text(actionNode, key: "action") {
            let parameterKey = word == "tighten_stop" ? "stop" : (word == "update_target" ? "target" : nil)
            for other in ["stop", "target"] where other != parameterKey {
                if let extra = pairs.first(where: { $0.key == other }) {
                    error(
                        extra.keyNode,
                        "'\(other)' belongs to \(other == "stop" ? "tighten_stop" : "update_target"), not to '\(word)'")
                }
            }
            switch word {
            case "exit":
                action = .exit
            case "tighten_stop", "update_target":
                let key = parameterKey ?? "stop"
                guard let parameter = pairs.value(key) else {
                    error(
                        actionNode,
                        "'\(word)' needs '\(key):', a price rule such as \(key == "stop" ? "LAST - 0.10" : "min_of(DOM_WALLS, price, side == ASK and price > LAST) - 0.05")"
                    )
                    break
                }
                if let (parameterTree, checked) = rule(parameter, key: key, kind: .price), let source = ruleSource(parameter) {
                    parameterRule = (parameter, parameterTree)
                    value = NumberCode(run: RuleCompiler.number(checked))
                    action = word == "tighten_stop" ? .tightenStop(rule: source) : .updateTarget(rule: source)
                }
            default:
                unknownWord(actionNode, word, key: "action", among: Self.actions)
            }
        }
        guard let name, let (tree, checked) = condition, let action, let whenNode = pairs.value("when"),
            let source = ruleSource(whenNode)
        else { return nil }
        if let textNode = pairs.value("text"), text != nil {
            checkText(textNode, rules: [(whenNode, tree)] + (parameterRule.map { [$0] } ?? []), key: "when", enumsComplete: false)
        }
        let rendered: String
        switch action {
        case .exit: rendered = "If \(RuleRendering.phrase(tree)): EXIT."
        case .tightenStop:
            rendered = "If \(RuleRendering.phrase(tree)): tighten the stop to \(parameterRule.map { RuleRendering.phrase($0.1) } ?? "?")."
        case .updateTarget:
            rendered = "If \(RuleRendering.phrase(tree)): UPDATE_TARGET to \(parameterRule.map { RuleRendering.phrase($0.1) } ?? "?")."
        }
        let definition = ExitRule(
            name: name, side: side, rule: source, text: text ?? rendered, action: action, location: whenNode.start)
        return CompiledRules.Exit(
            definition: definition, code: RuleCompiler.condition(checked), value: value, tree: tree)
    }

    // MARK: - hints

    mutating func decodeHints(_ node: YAMLNode, hintCodes: inout [(Int, Code<Truth>)]) -> [StrategyHint] {
        guard let items = sequence(node, "'hints'") else { return [] }
        var hints: [StrategyHint] = []
        for item in items {
            if item.scalar != nil {
                if let text = text(item, key: "hints") { hints.append(StrategyHint(text: text, rule: nil, side: nil)) }
                continue
            }
            guard let pairs = mapping(item, "a hint", example: "- text: Strong breakout setup.\n  when: LAST > VP_VAH")
            else { continue }
            checkKeys(pairs, in: item, allowed: ["text", "when", "side"], required: ["text"], context: "a hint")
            let text = pairs.value("text").flatMap { self.text($0, key: "text") }
            var ruleText: String?
            if let whenNode = pairs.value("when"), let (tree, checked) = rule(whenNode, key: "when") {
                ruleText = ruleSource(whenNode)
                hintCodes.append((hints.count, RuleCompiler.condition(checked)))
                if let textNode = pairs.value("text"), text != nil {
                    checkText(textNode, rules: [(whenNode, tree)], key: "when", complete: false)
                }
            }
            var side: PositionSide?
            if let sideNode = pairs.value("side"), let word = self.text(sideNode, key: "side") {
                switch word {
                case "long": side = .long
                case "short": side = .short
                default: unknownWord(sideNode, word, key: "side", among: ["long", "short"])
                }
            }
            if let text { hints.append(StrategyHint(text: text, rule: ruleText, side: side)) }
        }
        return hints
    }
}
