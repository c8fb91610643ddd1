import Brain
import Foundation
import MarketData
import StateVector
import Strategy
import Testing

/// #12 item 3 in the prompt: a strategy whose distances are shares of LAST says the share in the
/// system prompt (the same every tick, so a server's cache keeps it) and both forms, the dollars of
/// this tick and the share, at the end of the user message.
@Suite struct RelativeRiskPromptTests {
    @Test func theSystemPromptSaysTheShareAndTheStateSaysTheDollars() throws {
        let strategy = try StrategyLoader.load(
            contentsOf: repositoryRoot().appendingPathComponent("strategies/momentum-relative.yaml").path)
        let template = try PromptTemplate.load(
            contentsOf: repositoryRoot().appendingPathComponent(PromptTemplate.defaultPath).path)
        let renderer = PromptRenderer(strategy: strategy.definition, template: template)
        let state = try seedState()
        #expect(state.market.last == Price(cents: 245_50))
        let messages = renderer.messages(for: state)
        let system = messages[0].content
        #expect(system.contains("- Max risk per trade: 0.08% of LAST (stop distance from the limit price)"), "\(system)")
        #expect(system.contains("- No entry while SPREAD > 0.02% of LAST; a limit may chase at most 0.8bp of LAST through the touch"))
        // 0.08 % of 245.50 = 0.1964 → 0.20; 0.41 % = 1.00655 → 1.01; 0.10 % = 0.2455 → 0.25;
        // 0.02 % = 0.0491 → 0.05; 0.8 bp = 0.01964 → 0.02.
        #expect(
            messages[1].content.hasSuffix(
                "PRICE LIMITS AT LAST 245.50: max risk per trade $0.20 (0.08% of 245.50), max target $1.01 (0.41% of 245.50), "
                    + "level buffer $0.25 (0.10% of 245.50), max spread $0.05 (0.02% of 245.50), max chase $0.02 (0.8bp of 245.50)\n"))
        // Entry rules are momentum.yaml's own.
        let plain = try momentum().definition
        #expect(strategy.definition.longEntries.map(\.rule) == plain.longEntries.map(\.rule))
        #expect(strategy.definition.shortEntries.map(\.rule) == plain.shortEntries.map(\.rule))
        // A dollar strategy's user message has no such line.
        let dollars = PromptRenderer(strategy: plain, template: template).messages(for: state)
        #expect(!dollars[1].content.contains("PRICE LIMITS AT LAST"))
    }
}
