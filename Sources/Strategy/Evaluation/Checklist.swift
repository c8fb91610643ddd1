public import StateVector

/// The compiled strategy's verdict on one state: both entry checklists and the exit rules of the
/// open position.
public struct Checklist: Hashable, Sendable {
    public let long: SideChecklist
    public let short: SideChecklist
    /// The side of the open position, nil when flat.
    public let position: PositionSide?
    /// The exit rules of the position's side (empty when flat), fired or not.
    public let exits: [ExitRuleResult]
    /// Hints whose `when:` holds now, plus every hint without one.
    public let activeHints: [StrategyHint]

    public func side(_ side: PositionSide) -> SideChecklist { side == .long ? long : short }

    /// The exit rules that fire now.
    public var firedExits: [ExitRuleResult] { exits.filter(\.fired) }

    /// `LONG setup`, `SHORT setup`, or `none`.
    public var verdict: String {
        switch (long.passed, short.passed) {
        case (true, true): "LONG and SHORT setup (conflicting: no entry)"
        case (true, false): "LONG setup"
        case (false, true): "SHORT setup"
        case (false, false): "none"
        }
    }
}
