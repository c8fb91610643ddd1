import StateVector

/// The compiled rules of a strategy, beside the parsed trees they came from (kept for the
/// reference interpreter that benchmarks and tests compare against).
struct CompiledRules: Sendable {
    struct Condition: Sendable {
        var definition: EntryCondition
        var code: Code<Truth>
        var tree: RuleExpression
    }

    struct Exit: Sendable {
        var definition: ExitRule
        var code: Code<Truth>
        var value: NumberCode?
        var tree: RuleExpression
    }

    struct Guard: Sendable {
        var rule: String
        var code: Code<Truth>
    }

    struct Hint: Sendable {
        var index: Int
        var code: Code<Truth>
    }

    var longEntries: [Condition] = []
    var shortEntries: [Condition] = []
    var longExits: [Exit] = []
    var shortExits: [Exit] = []
    var longGuard: Guard?
    var shortGuard: Guard?
    var hints: [Hint] = []
    /// Every entry condition of the side and its chase guard in one closure (the gate's hot path).
    var longGate: Code<Bool> = { _, _, _ in false }
    var shortGate: Code<Bool> = { _, _, _ in false }

    mutating func buildGates() {
        longGate = RuleCompiler.gate(longEntries.map { TruthCode(run: $0.code) }, chaseGuard: longGuard.map { TruthCode(run: $0.code) })
        shortGate = RuleCompiler.gate(shortEntries.map { TruthCode(run: $0.code) }, chaseGuard: shortGuard.map { TruthCode(run: $0.code) })
    }
}
