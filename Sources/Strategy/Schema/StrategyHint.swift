public import StateVector

/// An edge case for the model (`hints:`): text for the prompt, never a gate. With a `when:` rule
/// the prompt can say which hints apply now.
public struct StrategyHint: Hashable, Sendable {
    public let text: String
    /// The rule as written, if any.
    public let rule: String?
    /// The side the hint argues for, if any.
    public let side: PositionSide?
}
