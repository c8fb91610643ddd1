import Testing

@testable import Strategy

/// The strategy file's `model:` section: read into `ModelSettings`, every mistake reported at once
/// with its place, like the rest of the file.
@Suite struct ModelSettingsTests {
    static func source(_ model: String) -> String {
        """
        name: m
        \(model)
        entry:
          long:
            - name: a
              when: RVOL_DAY > 1

        """
    }

    @Test func everyKeyIsRead() throws {
        let strategy = try StrategyLoader.compile(
            source: Self.source(
                "model:\n  grammar: think\n  timeout_ms: 45000\n  max_reply_chars: 20000\n  max_request_ms: 90000"),
            fileName: "m.yaml")
        #expect(
            strategy.definition.model
                == ModelSettings(grammar: .think, timeoutMs: 45_000, maxReplyChars: 20_000, maxRequestMs: 90_000))
    }

    @Test func aFileWithoutTheSectionSetsNothing() throws {
        let strategy = try StrategyLoader.compile(source: Self.source(""), fileName: "m.yaml")
        #expect(strategy.definition.model == ModelSettings())
        #expect(strategy.definition.model.grammar == nil && strategy.definition.model.timeoutMs == nil)
    }

    @Test func everyMistakeIsReportedWithItsPlace() {
        let errors = RuleHarness.errors(
            Self.source("model:\n  grammar: comands\n  timeout_ms: 0\n  max_reply_chars: \"5\"\n  max_request: 9"),
            file: "m.yaml")
        #expect(
            errors == #"""
                m.yaml:3:12: error: unknown grammar 'comands'; did you mean 'commands'?
                  grammar: comands
                           ^~~~~~~
                note: grammar is one of none, commands, think
                m.yaml:4:15: error: 'timeout_ms' must be between 1 and 3600000, found 0
                  timeout_ms: 0
                              ^
                m.yaml:5:20: error: expected a whole number for 'max_reply_chars', found the quoted text '5'; remove the quotes
                  max_reply_chars: "5"
                                   ^~~
                m.yaml:6:3: error: unknown key 'max_request' in 'model'; did you mean 'max_request_ms'?
                  max_request: 9
                  ^~~~~~~~~~~
                4 errors found
                """#)
    }

    @Test func theThinkBudgetAndSamplingKeysAreRead() throws {
        let strategy = try StrategyLoader.compile(
            source: Self.source(
                "model:\n  max_think_tokens: 512\n  on_think_budget: wait\n  temperature: 0.6\n  context_tokens: 8192"),
            fileName: "m.yaml")
        #expect(
            strategy.definition.model
                == ModelSettings(maxThinkTokens: 512, onThinkBudget: .wait, temperature: 0.6, contextTokens: 8192))
    }

    @Test func aThinkBudgetMistakeIsReportedWithItsPlace() {
        let errors =
            RuleHarness.errors(
                Self.source("model:\n  on_think_budget: wiat\n  temperature: 3\n  context_tokens: 100"), file: "m.yaml") ?? ""
        #expect(errors.contains("m.yaml:3:20: error: unknown on_think_budget 'wiat'; did you mean 'wait'?"), "\(errors)")
        #expect(errors.contains("m.yaml:4:16: error:"), "\(errors)")
        #expect(errors.contains("m.yaml:5:19: error:"), "\(errors)")
        let orphan = RuleHarness.errors(Self.source("model:\n  on_think_budget: wait"), file: "m.yaml") ?? ""
        #expect(
            orphan.contains("m.yaml:3:20: error: 'on_think_budget' says what a spent think budget does, but there is no budget"),
            "\(orphan)")
    }
}
