import StateVector

@testable import Strategy

/// Compiles one rule as the only long entry condition of a minimal strategy.
enum RuleHarness {
    static func yaml(_ rule: String) -> String {
        """
        name: test
        entry:
          long:
            - name: rule
              when: \(rule)

        """
    }

    static func compile(_ rule: String) throws -> CompiledStrategy {
        try StrategyLoader.compile(source: yaml(rule), fileName: "test.yaml")
    }

    /// The rule's outcome on `state`.
    static func truth(_ rule: String, _ state: StateVector, previous: StateVector? = nil) throws -> Truth {
        let strategy = try compile(rule)
        return strategy.evaluate(state, previous: previous).long.conditions[0].outcome
    }

    /// The diagnostics text the rule produces, or nil if it compiles.
    static func errors(_ source: String, file: String = "test.yaml") -> String? {
        do {
            _ = try StrategyLoader.compile(source: source, fileName: file)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
