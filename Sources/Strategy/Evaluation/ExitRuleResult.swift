public import MarketData
import StateVector

/// One exit rule evaluated for the open position.
public struct ExitRuleResult: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let rule: String
    public let action: ExitAction
    /// The rule's condition.
    public let outcome: Truth
    /// True when the action applies now: the condition holds and, for `tighten_stop` and
    /// `update_target`, the new price is known (and a new stop is tighter than the working one).
    public let fired: Bool
    /// The new stop or target price, to the nearest 1/10,000 dollar.
    public let price: Price?
    public let readings: [Reading]

    public var description: String {
        let mark = fired ? "FIRES" : "-"
        let target = price.map { " -> \($0.display)" } ?? ""
        let values = readings.isEmpty ? "" : " [\(readingsText)]"
        return "\(mark) \(name): \(rule) => \(action.name)\(target)\(values)"
    }
}
