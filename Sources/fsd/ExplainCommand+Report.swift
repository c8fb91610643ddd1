import StateVector
import Strategy

/// The JSON shape of `fsd explain --json`.
struct ExplainReport: Encodable {
    struct Side: Encodable {
        var passed: Bool
        var conditions: [Condition]
        var chaseGuard: Condition?
        var blockedByChaseGuard: Bool

        enum CodingKeys: String, CodingKey {
            case passed, conditions
            case chaseGuard = "chase_guard", blockedByChaseGuard = "blocked_by_chase_guard"
        }

        init(_ side: SideChecklist) {
            passed = side.passed
            conditions = side.conditions.map(Condition.init)
            chaseGuard = side.chaseGuard.map(Condition.init)
            blockedByChaseGuard = side.blockedByChaseGuard
        }
    }

    struct Condition: Encodable {
        var name: String
        var rule: String
        var passed: Bool
        var outcome: String
        var readings: [ReadingReport]

        init(_ result: ConditionResult) {
            name = result.name
            rule = result.rule
            passed = result.passed
            outcome = ExplainReport.word(result.outcome)
            readings = result.readings.map(ReadingReport.init)
        }
    }

    struct Exit: Encodable {
        var name: String
        var rule: String
        var action: String
        var fired: Bool
        var outcome: String
        var price: String?
        var readings: [ReadingReport]

        init(_ result: ExitRuleResult) {
            name = result.name
            rule = result.rule
            action = result.action.name
            fired = result.fired
            outcome = ExplainReport.word(result.outcome)
            price = result.price?.display
            readings = result.readings.map(ReadingReport.init)
        }
    }

    struct ReadingReport: Encodable {
        var reading: Reading

        init(_ reading: Reading) { self.reading = reading }

        enum CodingKeys: String, CodingKey { case expression, element, value }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reading.expression, forKey: .expression)
            try container.encodeIfPresent(reading.element, forKey: .element)
            switch reading.value {
            case .price(let price): try container.encode(price.display, forKey: .value)
            case .integer(let value): try container.encode(value, forKey: .value)
            case .number(let value): try container.encode(value, forKey: .value)
            case .bool(let value): try container.encode(value, forKey: .value)
            case .text(let text): try container.encode(text, forKey: .value)
            case .null: try container.encodeNil(forKey: .value)
            }
        }
    }

    var strategy: String
    var file: String
    var state: String
    var verdict: String
    var long: Side
    var short: Side
    var position: String?
    var exits: [Exit]
    var hints: [String]

    init(strategy: StrategyDefinition, file: String, state: String, checklist: Checklist) {
        self.strategy = strategy.name
        self.file = file
        self.state = state
        verdict = checklist.verdict
        long = Side(checklist.long)
        short = Side(checklist.short)
        position = checklist.position?.name
        exits = checklist.exits.map(Exit.init)
        hints = checklist.activeHints.map(\.text)
    }

    static func word(_ truth: Truth) -> String {
        switch truth {
        case .yes: "pass"
        case .no: "fail"
        case .unknown: "unknown"
        }
    }
}
