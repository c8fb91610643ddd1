import Brain
import Foundation
import Strategy
import Testing

@Suite struct PromptTemplateTests {
    static let minimal = """
        {{entry_rules_long}} {{entry_rules_short}} {{exit_rules}} {{risk_rules}}
        </system>
        {{market_state_json}} {{account_state_json}}
        """

    private func problems(_ text: String) -> [String] {
        do {
            _ = try PromptTemplate.parse(text, source: "t.md")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aMinimalTemplateSplitsAtSystem() throws {
        let template = try PromptTemplate.parse(Self.minimal, source: "t.md")
        #expect(template.system.first == .placeholder(.entryRulesLong))
        #expect(template.system.last == .text("\n</system>"))
        #expect(template.context == [.placeholder(.marketStateJSON), .text(" "), .placeholder(.accountStateJSON)])
    }

    @Test func everyProblemIsReportedWithItsPosition() {
        let text = """
            Rules: {{entry_rules_long}} {{entry_rule_short}}
            {{history}}
            </system>
            {{market_state_json}} {{account_state_json}} {{oops
            """
        #expect(
            problems(text) == [
                "t.md:1:29: error: unknown placeholder {{entry_rule_short}}; did you mean {{entry_rules_short}}? (known: strategy_name, entry_rules_long, entry_rules_short, exit_rules, edge_cases, risk_rules, history, market_state_json, account_state_json, active_orders_json, active_hints)",
                "t.md:2:1: error: {{history}} changes every tick: place it after the `</system>` line so the server can reuse the cached system prompt",
                "t.md:4:46: error: `{{` is not closed by `}}` on the same line",
                "t.md:4:1: error: the template never places {{entry_rules_short}}; every template needs {{entry_rules_long}}, {{entry_rules_short}}, {{exit_rules}}, {{risk_rules}}, {{market_state_json}}, {{account_state_json}}",
                "t.md:4:1: error: the template never places {{exit_rules}}; every template needs {{entry_rules_long}}, {{entry_rules_short}}, {{exit_rules}}, {{risk_rules}}, {{market_state_json}}, {{account_state_json}}",
                "t.md:4:1: error: the template never places {{risk_rules}}; every template needs {{entry_rules_long}}, {{entry_rules_short}}, {{exit_rules}}, {{risk_rules}}, {{market_state_json}}, {{account_state_json}}",
            ])
    }

    @Test func aTemplateWithoutSystemEndIsRefused() {
        #expect(
            problems("{{market_state_json}}") == [
                "t.md:1:1: error: the template has no line `</system>` ending its static part; put the rules before it and the state placeholders after it"
            ])
    }

    @Test func aMissingTemplateFileIsNamed() {
        #expect(throws: PromptTemplateError.self) { try PromptTemplate.load(contentsOf: "/nonexistent/prompt.md") }
    }

    @Test func aStrategysOwnTemplateWinsOverSystemMd() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-prompt-\(UUID().uuidString)")
        let prompts = root.appendingPathComponent("prompts")
        try FileManager.default.createDirectory(at: prompts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("strategies"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Self.minimal.utf8).write(to: prompts.appendingPathComponent("system.md"))
        let strategyPath = root.appendingPathComponent("strategies/scalp.yaml").path
        #expect(
            try PromptTemplate.locate(explicit: nil, strategyPath: strategyPath, strategyName: "scalp").source
                .hasSuffix("strategies/../prompts/system.md"))
        try Data(Self.minimal.utf8).write(to: prompts.appendingPathComponent("scalp.md"))
        #expect(
            try PromptTemplate.locate(explicit: nil, strategyPath: strategyPath, strategyName: "scalp").source
                .hasSuffix("strategies/../prompts/scalp.md"))
        // A template the strategy names with `prompt:` wins over both, relative to the strategy.
        try Data(Self.minimal.utf8).write(to: root.appendingPathComponent("strategies/mine.md"))
        #expect(
            try PromptTemplate.locate(explicit: nil, strategyPath: strategyPath, strategyName: "scalp", strategyPrompt: "mine.md")
                .source.hasSuffix("strategies/mine.md"))
        #expect(throws: PromptTemplateError.self) {
            try PromptTemplate.locate(explicit: nil, strategyPath: strategyPath, strategyPrompt: "missing.md")
        }
        // --template still wins over everything.
        #expect(
            try PromptTemplate.locate(
                explicit: prompts.appendingPathComponent("system.md").path, strategyPath: strategyPath, strategyPrompt: "mine.md"
            ).source.hasSuffix("prompts/system.md"))
    }

    @Test func aStrategyNamesItsTemplate() throws {
        let compiled = try StrategyLoader.compile(
            source: "name: s\nprompt: prompts/s.md\nentry:\n  long:\n    - name: a\n      when: L2_IMBALANCE > 1\n",
            fileName: "s.yaml")
        #expect(compiled.definition.prompt == "prompts/s.md")
        let plain = try StrategyLoader.compile(
            source: "name: s\nentry:\n  long:\n    - name: a\n      when: L2_IMBALANCE > 1\n", fileName: "s.yaml")
        #expect(plain.definition.prompt == nil)
    }
}
