import Brain
import Foundation
import StateVector
import Strategy
import Testing

/// The repository root, from this file's path (Tests/BrainTests/PromptRendererTests.swift).
func repositoryRoot(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func seedState() throws -> StateVector {
    let bytes = try [UInt8](Data(contentsOf: repositoryRoot().appendingPathComponent("Tests/Fixtures/seed-state.json")))
    return try StateVectorDecoder.decode(bytes, fileName: "seed-state.json")
}

func momentum() throws -> CompiledStrategy {
    try StrategyLoader.load(contentsOf: repositoryRoot().appendingPathComponent("strategies/momentum.yaml").path)
}

@Suite struct PromptRendererTests {
    static let goldenPath = "Tests/Fixtures/seed-prompt.txt"

    private func renderer() throws -> PromptRenderer {
        let template = try PromptTemplate.load(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath).path)
        return PromptRenderer(strategy: try momentum().definition, template: template)
    }

    /// The seed's example state with momentum.yaml, byte for byte. To accept a deliberate change, run
    /// the test with FSD_UPDATE_GOLDEN=1 and review the diff of the golden file.
    @Test func seedPromptIsPinned() throws {
        let text = try renderer().text(for: try seedState())
        let url = repositoryRoot().appendingPathComponent(Self.goldenPath)
        if ProcessInfo.processInfo.environment["FSD_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden)
    }

    /// A reader can check the rules against momentum.yaml line by line: every condition's `text`,
    /// every exit's `text`, every hint, and the risk limits' exact values appear in the system part.
    @Test func rulesSayWhatTheStrategySays() throws {
        let definition = try momentum().definition
        let system = try renderer().systemPrompt
        for (index, condition) in definition.longEntries.enumerated() {
            #expect(system.contains("\(index + 1). \(condition.text)\n"))
        }
        #expect(system.contains("ENTRY RULES (LONG):\n1. L2_IMBALANCE > 1.5\n2. RVOL_DAY > 1.5\n"))
        #expect(system.contains("ENTRY RULES (SHORT):\n1. L2_IMBALANCE < 0.6\n"))
        #expect(system.contains("5. No wall in DOM_WALLS with side=\"ASK\" within 0.20% of LAST\n"))
        for exit in definition.longExits { #expect(system.contains("- LONG position: \(exit.text)\n")) }
        for exit in definition.shortExits { #expect(system.contains("- SHORT position: \(exit.text)\n")) }
        for hint in definition.hints { #expect(system.contains("- \(hint.text)\n")) }
        #expect(system.contains("- Max risk per trade: $0.20 (stop distance from the limit price)\n"))
        #expect(
            system.contains(
                "- Max profit target: $1.00 from the limit, or farther only just before the next wall/level (within $0.25 of it"
            ))
        #expect(system.contains("- No entry while SPREAD > $0.05; a limit may chase at most $0.02 through the touch\n"))
        #expect(system.contains("at most 10 entries per day; trading halts at a daily loss of $500.00"))
        #expect(
            system.contains(
                "WAIT for a pullback while DISTANCE_TO_HOD_PCT > 0.5 and DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)"
            ))
    }

    @Test func changingAThresholdInTheYAMLChangesThePrompt() throws {
        let url = repositoryRoot().appendingPathComponent("strategies/momentum.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
            // The condition names a parameter and has no text: one edit changes the rule and the prompt.
            .replacing("value: 1.5", with: "value: 1.8")
            .replacing("max_risk_per_share: 0.20", with: "max_risk_per_share: 0.15")
        let strategy = try StrategyLoader.compile(source: yaml, fileName: "edited.yaml")
        let template = try PromptTemplate.load(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath).path)
        let system = PromptRenderer(strategy: strategy.definition, template: template).systemPrompt
        #expect(system.contains("ENTRY RULES (LONG):\n1. L2_IMBALANCE > 1.8\n"))
        #expect(system.contains("- Max risk per trade: $0.15 (stop distance"))
    }

    /// #12: `--set imbalance_long=1.8` on momentum.yaml: the prompt and the checklist both say 1.8.
    @Test func setAParameterAndThePromptAndTheChecklistBothUseIt() throws {
        let strategy = try StrategyLoader.load(
            contentsOf: repositoryRoot().appendingPathComponent("strategies/momentum.yaml").path,
            overrides: [try StrategyOverride.parse("imbalance_long=1.8")])
        let template = try PromptTemplate.load(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath).path)
        let system = PromptRenderer(strategy: strategy.definition, template: template).systemPrompt
        #expect(system.contains("ENTRY RULES (LONG):\n1. L2_IMBALANCE > 1.8\n"))
        var state = try seedState()
        state.market.l2Imbalance = 1.7
        let checklist = strategy.evaluate(state)
        #expect(checklist.long.conditions.first?.rule == "L2_IMBALANCE > 1.8")
        #expect(checklist.long.conditions.first?.outcome == .no)
        state.market.l2Imbalance = 1.9
        #expect(strategy.evaluate(state).long.conditions.first?.outcome == .yes)
    }

    @Test func staticPartComesFirstAndNeverChangesWithTheState() throws {
        let renderer = try renderer()
        var state = try seedState()
        let first = renderer.messages(for: state)
        state.market.l2Imbalance = 0.4
        state.history = [
            HistoryEntry(
                time: "09:31:02.200", command: "ENTER_LONG(245.50, 245.30, 246.80)", outcome: .rejected,
                reason: "CVD_TREND = FALLING")
        ]
        let second = renderer.messages(for: state)
        #expect(first[0] == second[0])
        #expect(first[0].role == .system)
        #expect(first[0].content.hasPrefix("<system>\nROLE: You are FSDTrader"))
        #expect(first[0].content.hasSuffix("- WAIT(reason)\n</system>"))
        #expect(first[1].content.hasPrefix("<context>\nHISTORY (Last 3 actions):\n(none)\n"))
        #expect(
            second[1].content.hasPrefix(
                "<context>\nHISTORY (Last 3 actions):\n- 09:31:02.200 ENTER_LONG(245.50, 245.30, 246.80) -> REJECTED (CVD_TREND = FALLING)\n"
            ))
        #expect(second[1].content.contains("\"L2_IMBALANCE\": 0.40,"))
    }

    @Test func theBuiltInCopyIsTheShippedFile() throws {
        let shipped = try String(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath), encoding: .utf8)
        let builtIn = try PromptTemplate.builtIn()
        #expect(builtIn.source == "built-in prompts/system.md")
        #expect(try PromptTemplate.parse(shipped, source: "built-in prompts/system.md") == builtIn)
    }
}
