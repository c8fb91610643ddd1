public import StateVector

/// What an exit rule does when it fires.
public enum ExitAction: Hashable, Sendable, CustomStringConvertible {
    /// Flatten at once ("exit immediately").
    case exit
    /// Move the stop to the price rule in `stop:` (only ever tighter).
    case tightenStop(rule: String)
    /// Move the target to the price rule in `target:`.
    case updateTarget(rule: String)

    /// The YAML spelling: `exit`, `tighten_stop`, `update_target`.
    public var name: String {
        switch self {
        case .exit: "exit"
        case .tightenStop: "tighten_stop"
        case .updateTarget: "update_target"
        }
    }

    public var description: String {
        switch self {
        case .exit: "exit"
        case .tightenStop(let rule): "tighten_stop to \(rule)"
        case .updateTarget(let rule): "update_target to \(rule)"
        }
    }
}

/// One named exit rule for a side's open position (`exit.long[i]`).
public struct ExitRule: Hashable, Sendable {
    public let name: String
    public let side: PositionSide
    /// The rule as written in `when:`.
    public let rule: String
    /// How the prompt states it.
    public let text: String
    public let action: ExitAction
    public let location: SourceLocation
}
