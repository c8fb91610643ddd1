import MarketData
import StateVector

extension StrategyDecoder {
    static let riskKeys = [
        "max_daily_loss", "max_position", "position_size", "max_trades_per_day", "max_spread", "max_risk_per_share",
        "max_target", "level_buffer", "max_slippage", "chase_guard", "max_decision_age_ms", "max_data_age_ms",
    ]

    mutating func decodeRisk(_ node: YAMLNode, into risk: inout RiskSettings, rules: inout CompiledRules) {
        guard let pairs = mapping(node, "'risk'", example: "risk: { max_position: 100 }") else { return }
        checkKeys(pairs, in: node, allowed: Self.riskKeys, required: [], context: "'risk'")
        let cent = Price.cent
        if let n = pairs.value("max_daily_loss"), let v = price(n, key: "max_daily_loss", minimum: cent) {
            risk.maxDailyLoss = v
        }
        if let n = pairs.value("max_position"), let v = integer(n, key: "max_position", range: 1...1_000_000) {
            risk.maxPosition = v
        }
        if let n = pairs.value("position_size"), let v = integer(n, key: "position_size", range: 1...1_000_000) {
            risk.positionSize = v
        }
        if let n = pairs.value("max_trades_per_day"), let v = integer(n, key: "max_trades_per_day", range: 0...10_000) {
            risk.maxTradesPerDay = v
        }
        if let n = pairs.value("max_spread"), let v = distance(n, key: "max_spread", positive: true) { risk.maxSpread = v }
        if let n = pairs.value("max_risk_per_share"), let v = distance(n, key: "max_risk_per_share", positive: true) {
            risk.maxRiskPerShare = v
        }
        if let n = pairs.value("max_target"), let v = distance(n, key: "max_target", positive: true) { risk.maxTarget = v }
        if let n = pairs.value("level_buffer"), let v = distance(n, key: "level_buffer") { risk.levelBuffer = v }
        if let n = pairs.value("max_slippage"), let v = distance(n, key: "max_slippage") { risk.maxSlippage = v }
        if let n = pairs.value("max_decision_age_ms"),
            let v = integer(n, key: "max_decision_age_ms", range: 1...600_000)
        {
            risk.maxDecisionAgeMs = v
        }
        if let n = pairs.value("max_data_age_ms"), let v = integer(n, key: "max_data_age_ms", range: 1...600_000) {
            risk.maxDataAgeMs = v
        }
        if let n = pairs.value("chase_guard") { decodeChaseGuard(n, into: &risk, rules: &rules) }
        if let n = pairs.value("position_size"), risk.positionSize > risk.maxPosition {
            error(n, "position_size \(risk.positionSize) is larger than max_position \(risk.maxPosition)")
        }
        if let n = pairs.value("max_risk_per_share") ?? pairs.value("max_target"),
            Self.larger(risk.maxRiskPerShare, than: risk.maxTarget)
        {
            error(
                n,
                "max_risk_per_share \(risk.maxRiskPerShare) is larger than max_target \(risk.maxTarget): every trade would risk more than it can win",
                note: "keep the stop distance at or below the target distance")
        }
    }

    /// A price distance: dollars (`0.05`), percent of LAST (`0.02%`) or basis points (`2bp`).
    private mutating func distance(_ node: YAMLNode, key: String, positive: Bool = false) -> PriceDistance? {
        guard let scalar = plainScalar(node, key: key, expected: "a price distance", kind: .distance) else { return nil }
        guard let value = PriceDistance(parsing: scalar.value) else {
            error(
                node,
                "expected a price distance for '\(key)': dollars (0.05), percent of LAST (0.02%), basis points (2bp) "
                    + "or ticks (2t), found '\(scalar.value)'",
                note: "dollars take at most 4 decimals, percent at most 4 (0 to 100 %), basis points at most 2, ticks none")
            return nil
        }
        let zero: Bool =
            switch value {
            case .dollars(let price): price == .zero
            case .share(let perMillion, _): perMillion == 0
            case .ticks(let count): count == 0
            }
        if positive, zero {
            error(node, "'\(key)' must be more than zero, found \(scalar.value)")
            return nil
        }
        return value
    }

    /// `a > b` when both are dollars or both shares of LAST; a mix compares only at a price, so never.
    static func larger(_ a: PriceDistance, than b: PriceDistance) -> Bool {
        switch (a, b) {
        case (.dollars(let x), .dollars(let y)): x > y
        case (.share(let x, _), .share(let y, _)): x > y
        case (.ticks(let x), .ticks(let y)): x > y
        default: false
        }
    }

    private mutating func decodeChaseGuard(_ node: YAMLNode, into risk: inout RiskSettings, rules: inout CompiledRules)
    {
        guard let pairs = mapping(node, "'chase_guard'", example: "chase_guard: { long: DISTANCE_TO_HOD_PCT > 0.5 }")
        else { return }
        checkKeys(pairs, in: node, allowed: ["long", "short"], required: [], context: "'chase_guard'")
        for key in ["long", "short"] {
            guard let ruleNode = pairs.value(key), let (_, checked) = rule(ruleNode, key: "chase_guard.\(key)"),
                let source = ruleSource(ruleNode)
            else { continue }
            let compiled = CompiledRules.Guard(rule: source, code: RuleCompiler.condition(checked))
            if key == "long" {
                risk.chaseGuardLong = source
                rules.longGuard = compiled
            } else {
                risk.chaseGuardShort = source
                rules.shortGuard = compiled
            }
        }
    }

    // MARK: - features

    mutating func decodeFeatures(_ node: YAMLNode, into parameters: inout FeatureParameters) {
        guard let pairs = mapping(node, "'features'", example: "features: { testing_pct: 0.15 }") else { return }
        let names = FeatureParameters.declarations.map(\.name)
        for pair in pairs {
            guard let declaration = FeatureParameters.declaration(named: pair.key) else {
                let suggestion = Spelling.suggestion(for: pair.key, among: names)
                error(
                    pair.keyNode,
                    "unknown feature parameter '\(pair.key)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                    length: pair.key.unicodeScalars.count,
                    note: suggestion == nil ? "see docs/RULES.md for the parameters" : nil,
                    fixIt: suggestion)
                continue
            }
            if let value = parameterValue(pair.value, declaration) { declaration.apply(&parameters, value) }
        }
        let checks: [(Bool, String, String)] = [
            (
                parameters.sentimentSell < parameters.sentimentBuy, "sentiment_sell",
                "sentiment_sell must be below sentiment_buy"
            ),
            (
                parameters.velocityLow <= parameters.velocityHigh, "velocity_low",
                "velocity_low must not exceed velocity_high"
            ),
            (
                parameters.wallMinorX <= parameters.wallMajorX, "wall_minor_x",
                "wall_minor_x must not exceed wall_major_x"
            ),
            (parameters.testingPct <= parameters.nearPct, "testing_pct", "testing_pct must not exceed near_pct"),
        ]
        for (ok, key, message) in checks where !ok {
            error(pairs.first(where: { $0.key == key })?.keyNode ?? node, message)
        }
    }

    private mutating func parameterValue(_ node: YAMLNode, _ declaration: ParameterDeclaration) -> ParameterValue? {
        let key = declaration.name
        switch declaration.kind {
        case .integer(let range):
            return integer(node, key: key, range: range).map(ParameterValue.integer)
        case .number(let range):
            return number(node, key: key, range: range).map(ParameterValue.number)
        case .price:
            return price(node, key: key, minimum: Price(raw: 1)).map(ParameterValue.price)
        case .clock:
            guard let word = text(node, key: key) else { return nil }
            guard let time = Timestamp(clock: word) else {
                error(node, "expected a session time HH:MM or HH:MM:SS for '\(key)', found '\(word)'")
                return nil
            }
            return .clock(time)
        case .choice(let words):
            guard let word = text(node, key: key) else { return nil }
            guard words.contains(word) else {
                unknownWord(node, word, key: key, among: words)
                return nil
            }
            return .choice(word)
        case .curve:
            if let scalar = node.scalar {
                if scalar.value == "default" { return .curve(.default) }
                error(
                    node,
                    "'\(key)' is 'default' or a list of \(VolumeCurve.bucketCount) half-hour weights, found '\(scalar.value)'"
                )
                return nil
            }
            guard let items = sequence(node, "'\(key)'") else { return nil }
            var weights: [Double] = []
            for item in items {
                guard let weight = number(item, key: key, range: 0...1_000_000) else { return nil }
                weights.append(weight)
            }
            guard let curve = VolumeCurve(weights: weights) else {
                error(
                    node,
                    "'\(key)' needs \(VolumeCurve.bucketCount) non-negative weights, not all zero; found \(weights.count)"
                )
                return nil
            }
            return .curve(curve)
        }
    }
}
