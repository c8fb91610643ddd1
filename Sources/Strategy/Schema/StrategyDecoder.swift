import MarketData
import StateVector

/// Reads a strategy document's node tree into a definition and compiled rules, collecting every
/// problem as a diagnostic instead of stopping at the first.
struct StrategyDecoder {
    let fileName: String
    let source: SourceText
    var diagnostics: [Diagnostic] = []
    /// The `params:` block by name, read before everything that may refer to it.
    var parameters: [String: StrategyParameter] = [:]
    /// The parameters something referred to; the rest are reported as unused.
    var usedParameters: Set<String> = []
    /// Rules that named parameters, rendered with their values, by the rule's place in the file.
    var renderedRules: [SourceLocation: String] = [:]
    /// The texts of the files this one extends, by name, for positions and quotes in their nodes.
    var baseSources: [String: SourceText] = [:]

    /// The file a node came from.
    func file(of node: YAMLNode) -> String { node.origin ?? fileName }

    /// The text a node's offsets are positions in.
    func text(of node: YAMLNode) -> SourceText { node.origin.flatMap { baseSources[$0] } ?? source }

    /// What a numeric setting takes, for a parameter standing in for it.
    enum ScalarKind {
        case integer, number, price
        /// Dollars or a share of LAST (`risk:` distances).
        case distance
    }

    init(fileName: String, source: SourceText) {
        self.fileName = fileName
        self.source = source
    }

    static let topKeys = [
        "name", "version", "symbol", "loop_hz", "consult", "gate", "prompt", "params", "model", "entry", "exit", "hints",
        "risk", "features", "extends",
    ]

    mutating func decode(_ root: YAMLNode, bytes: [UInt8]) -> CompiledStrategy? {
        guard let pairs = mapping(root, "the strategy file", example: "name: momentum") else { return nil }
        checkKeys(pairs, in: root, allowed: Self.topKeys, required: ["name", "entry"], context: "the strategy file")
        let parameterList = pairs.value("params").map { decodeParams($0) } ?? []
        let name = pairs.value("name").flatMap { text($0, key: "name") } ?? ""
        let version = pairs.value("version").flatMap { text($0, key: "version") } ?? "1"
        let symbol = pairs.value("symbol").flatMap { text($0, key: "symbol") }
        if let node = pairs.value("symbol"), let symbol, !Self.isSymbol(symbol) {
            error(node, "symbol must be a ticker of letters, digits, '.' or '-' (such as TSLA), found '\(symbol)'")
        }
        let loopHz = pairs.value("loop_hz").flatMap { smallInteger($0, key: "loop_hz", range: 1...50) } ?? 5
        let consult = word(pairs, key: "consult", default: ConsultPolicy.everyTick)
        let gate = word(pairs, key: "gate", default: GateMode.arrival)
        let prompt = pairs.value("prompt").flatMap { text($0, key: "prompt") }
        if let node = pairs.value("prompt"), let prompt, prompt.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node, "prompt must name a template file, such as prompts/momentum.md")
        }
        let model = pairs.value("model").map { decodeModel($0) } ?? ModelSettings()
        var rules = CompiledRules()
        if let entry = pairs.value("entry") { decodeEntries(entry, into: &rules) }
        if let exit = pairs.value("exit") { decodeExits(exit, into: &rules) }
        var hintCodes: [(Int, Code<Truth>)] = []
        let hints = pairs.value("hints").map { decodeHints($0, hintCodes: &hintCodes) } ?? []
        rules.hints = hintCodes.map { CompiledRules.Hint(index: $0.0, code: $0.1) }
        var risk = RiskSettings()
        risk.maxDecisionAgeMs = gate.defaultMaxDecisionAgeMs
        if let node = pairs.value("risk") { decodeRisk(node, into: &risk, rules: &rules) }
        var features = FeatureParameters()
        if let node = pairs.value("features") { decodeFeatures(node, into: &features) }
        reportUnusedParameters(parameterList)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        rules.buildGates()
        var definition = StrategyDefinition(
            name: name, version: version, symbol: symbol, loopHz: loopHz, consult: consult, gate: gate,
            longEntries: rules.longEntries.map(\.definition), shortEntries: rules.shortEntries.map(\.definition),
            longExits: rules.longExits.map(\.definition), shortExits: rules.shortExits.map(\.definition),
            hints: hints, risk: risk, features: features, prompt: prompt, model: model, sourceHash: StrategyDefinition.hash(bytes))
        definition.parameters = parameterList
        return CompiledStrategy(definition: definition, rules: rules)
    }

    static func isSymbol(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 12
            && text.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-"
            }
    }

    // MARK: - Shapes

    mutating func mapping(_ node: YAMLNode, _ context: String, example: String) -> [YAMLPair]? {
        if case .mapping(let pairs) = node.content { return pairs }
        error(
            node, "expected a mapping (key: value lines) for \(context), found \(node.kindDescription)",
            note: "for example: \(example)")
        return nil
    }

    mutating func sequence(_ node: YAMLNode, _ context: String) -> [YAMLNode]? {
        if case .sequence(let items) = node.content { return items }
        error(node, "expected a list ('- ' items) for \(context), found \(node.kindDescription)")
        return nil
    }

    /// Unknown keys (with a did-you-mean) and missing required ones.
    mutating func checkKeys(
        _ pairs: [YAMLPair], in node: YAMLNode, allowed: [String], required: [String], context: String
    ) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = Spelling.suggestion(for: pair.key, among: allowed)
            error(
                pair.keyNode,
                "unknown key '\(pair.key)' in \(context)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                length: pair.key.unicodeScalars.count,
                note: suggestion == nil ? "allowed keys: \(allowed.joined(separator: ", "))" : nil,
                fixIt: suggestion)
        }
        for key in required where !pairs.contains(where: { $0.key == key }) {
            error(node, "missing required key '\(key)' in \(context)")
        }
    }

    // MARK: - Scalars

    mutating func text(_ node: YAMLNode, key: String) -> String? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error(node, "expected text for '\(key)', found \(node.kindDescription)")
            return nil
        }
        guard !scalar.value.trimmingSpaces.isEmpty else {
            error(node, "'\(key)' is empty")
            return nil
        }
        return scalar.value
    }

    mutating func integer(_ node: YAMLNode, key: String, range: ClosedRange<Int64>) -> Int64? {
        guard let scalar = plainScalar(node, key: key, expected: "a whole number", kind: .integer) else { return nil }
        guard let value = Int64(scalar.value) else {
            error(node, "expected a whole number for '\(key)', found '\(scalar.value)'")
            return nil
        }
        guard range.contains(value) else {
            if value < 0, range.lowerBound >= 0 {
                error(node, "'\(key)' cannot be negative (found \(value)); it must be \(Self.describe(range))")
                return nil
            }
            error(node, "'\(key)' must be \(Self.describe(range)), found \(value)")
            return nil
        }
        return value
    }

    mutating func smallInteger(_ node: YAMLNode, key: String, range: ClosedRange<Int>) -> Int? {
        integer(node, key: key, range: Int64(range.lowerBound)...Int64(range.upperBound)).map { Int($0) }
    }

    mutating func number(_ node: YAMLNode, key: String, range: ClosedRange<Double>) -> Double? {
        guard let scalar = plainScalar(node, key: key, expected: "a number", kind: .number) else { return nil }
        guard scalar.value.unicodeScalars.allSatisfy({ "0123456789.-+eE".unicodeScalars.contains($0) }),
            let value = Double(scalar.value), value.isFinite
        else {
            error(node, "expected a number for '\(key)', found '\(scalar.value)'")
            return nil
        }
        guard range.contains(value) else {
            error(
                node,
                "'\(key)' must be between \(Reading.Value.format(range.lowerBound)) and \(Reading.Value.format(range.upperBound)), found \(scalar.value)"
            )
            return nil
        }
        return value
    }

    /// Dollars, parsed exactly (at most 4 decimals), at least `minimum`.
    mutating func price(
        _ node: YAMLNode, key: String, minimum: Price = .zero, maximum: Price = Price(cents: 100_000_000)
    ) -> Price? {
        guard let scalar = plainScalar(node, key: key, expected: "an amount in dollars", kind: .price) else { return nil }
        guard let value = Price(parsing: scalar.value) else {
            error(node, "expected an amount in dollars with at most 4 decimals for '\(key)', found '\(scalar.value)'")
            return nil
        }
        guard value >= minimum, value <= maximum else {
            let bound = value < minimum ? "at least \(minimum.display)" : "at most \(maximum.display)"
            error(node, "'\(key)' must be \(bound), found \(scalar.value)")
            return nil
        }
        return value
    }

    /// The scalar of a numeric setting; a parameter's name stands for its value (when its kind fits).
    mutating func plainScalar(_ node: YAMLNode, key: String, expected: String, kind: ScalarKind) -> YAMLScalar? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error(node, "expected \(expected) for '\(key)', found \(node.kindDescription)")
            return nil
        }
        guard scalar.style == .plain else {
            error(node, "expected \(expected) for '\(key)', found the quoted text '\(scalar.value)'; remove the quotes")
            return nil
        }
        if let parameter = parameters[scalar.value] {
            usedParameters.insert(parameter.name)
            guard parameter.fits(kind) else {
                error(
                    node,
                    "parameter '\(parameter.name)' is \(parameter.kind.article) (\(parameter.valueText)), and '\(key)' takes \(expected)",
                    note: "'\(parameter.name)' is defined at \(parameter.file == fileName ? "" : parameter.file + ":")line \(parameter.location.line)")
                return nil
            }
            let text = kind == .distance && parameter.kind == .percent ? parameter.text + "%" : parameter.text
            return YAMLScalar(value: text, style: .plain, tag: nil)
        }
        return scalar
    }

    /// The value of `key`, one of `Value`'s words; `fallback` when the key is absent or (with a
    /// did-you-mean diagnostic) not one of them.
    mutating func word<Value: RawRepresentable & CaseIterable>(_ pairs: [YAMLPair], key: String, default fallback: Value)
        -> Value where Value.RawValue == String
    {
        guard let node = pairs.value(key), let word = text(node, key: key) else { return fallback }
        if let value = Value(rawValue: word) { return value }
        unknownWord(node, word, key: key, among: Value.allCases.map(\.rawValue))
        return fallback
    }

    mutating func unknownWord(_ node: YAMLNode, _ word: String, key: String, among words: [String]) {
        let suggestion = Spelling.suggestion(for: word, among: words)
        error(
            node, "unknown \(key) '\(word)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
            length: word.unicodeScalars.count, note: "\(key) is one of \(words.joined(separator: ", "))",
            fixIt: suggestion)
    }

    static func describe(_ range: ClosedRange<Int64>) -> String {
        range.upperBound == Int64.max
            ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
    }

    // MARK: - Diagnostics

    mutating func error(
        _ node: YAMLNode, _ message: String, length: Int? = nil, note: String? = nil, fixIt: String? = nil
    ) {
        if node.scalar?.tag == YAMLScalar.aliasPlaceholderTag { return }
        let width: Int
        if let length {
            width = length
        } else if node.scalar != nil, node.start.line == node.end.line {
            width = max(1, node.end.column - node.start.column)
        } else {
            width = 1
        }
        diagnostics.append(
            Diagnostic(file: file(of: node), location: node.start, length: width, message: message, note: note, fixIt: fixIt))
    }
}

extension [YAMLPair] {
    func value(_ key: String) -> YAMLNode? { first { $0.key == key }?.value }
}

extension String {
    var trimmingSpaces: Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
