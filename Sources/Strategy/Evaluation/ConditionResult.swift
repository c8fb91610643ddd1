/// One entry condition evaluated on a state: did it pass, and what did it read.
public struct ConditionResult: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The rule as written.
    public let rule: String
    /// `unknown` when a null decided it; only `yes` passes.
    public let outcome: Truth
    /// What the rule read, in reading order (values inside a quantifier name their element).
    public let readings: [Reading]

    public var passed: Bool { outcome == .yes }

    /// `✓ imbalance: L2_IMBALANCE > 1.5 [L2_IMBALANCE = 2.1]`
    public var description: String { text(.checklist) }
}
