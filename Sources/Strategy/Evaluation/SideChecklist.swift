public import StateVector

/// The entry checklist of one side on one state.
public struct SideChecklist: Hashable, Sendable {
    public let side: PositionSide
    /// Every condition in file order, all evaluated (no short-circuit between conditions).
    public let conditions: [ConditionResult]
    /// The side's chase guard (`risk.chase_guard`), if the strategy has one: entries wait while it
    /// is true or unknown.
    public let chaseGuard: ConditionResult?

    /// True when every condition passed.
    public var conditionsPassed: Bool { conditions.allSatisfy(\.passed) }

    /// True when the chase guard holds entries back.
    public var blockedByChaseGuard: Bool { chaseGuard.map { $0.outcome != .no } ?? false }

    /// True when this side has a setup: every condition passed and the chase guard does not block.
    public var passed: Bool { !conditions.isEmpty && conditionsPassed && !blockedByChaseGuard }

    /// The first condition that did not pass, for the gate's refusal reason.
    public var firstFailure: ConditionResult? { conditions.first { !$0.passed } }
}
