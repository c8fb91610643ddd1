extension Checklist {
    /// The checklist as `fsd explain` prints it: each condition ✓/✗ with the values it read,
    /// the chase guards, the verdict, the exit rules of the position and the hints that apply.
    public func report() -> String {
        var lines: [String] = []
        for side in [long, short] {
            let name = side.side == .long ? "LONG" : "SHORT"
            let passed = side.conditions.filter(\.passed).count
            lines.append("\(name) entry: \(passed)/\(side.conditions.count) conditions pass")
            let width = side.conditions.map(\.name.count).max() ?? 0
            for condition in side.conditions {
                lines.append("  " + Self.line(condition, width: width))
            }
            if let chase = side.chaseGuard {
                let state =
                    switch chase.outcome {
                    case .no: "not blocking"
                    case .yes: "BLOCKS entries (wait for a pullback)"
                    case .unknown: "BLOCKS entries (reads null)"
                    }
                lines.append("  chase guard \(state): \(chase.rule)\(Self.values(chase.readings))")
            }
        }
        lines.append("verdict: \(verdict)")
        if let position {
            lines.append("exit rules for the \(position == .long ? "LONG" : "SHORT") position:")
            for exit in exits {
                let mark = exit.fired ? "FIRES" : (exit.outcome == .unknown ? "?    " : "-    ")
                let price = exit.price.map { " -> \($0.display)" } ?? ""
                lines.append(
                    "  \(mark) \(exit.name): \(exit.rule) => \(exit.action.name)\(price)\(Self.values(exit.readings))")
            }
        } else {
            lines.append("position: flat (no exit rules apply)")
        }
        if !activeHints.isEmpty {
            lines.append("hints that apply now:")
            for hint in activeHints { lines.append("  - \(hint.text)") }
        }
        return lines.joined(separator: "\n")
    }

    static func line(_ condition: ConditionResult, width: Int) -> String {
        let mark = condition.passed ? "✓" : "✗"
        let padded = condition.name + String(repeating: " ", count: max(0, width - condition.name.count))
        let unknown = condition.outcome == .unknown ? " (unknown: reads null)" : ""
        return "\(mark) \(padded)  \(condition.rule)\(values(condition.readings))\(unknown)"
    }

    /// `  [L2_IMBALANCE = 2.1]`, with the readings of one list element grouped:
    /// `[LAST = 245.50; DOM_WALLS[0]: side = ASK, price = 247.00, pct_from_last(price) = 0.611]`.
    static func values(_ readings: [Reading]) -> String {
        guard !readings.isEmpty else { return "" }
        var groups: [(element: String?, items: [String])] = []
        for reading in readings {
            let item = "\(reading.expression) = \(reading.value)"
            if let index = groups.firstIndex(where: { $0.element == reading.element }) {
                groups[index].items.append(item)
            } else {
                groups.append((reading.element, [item]))
            }
        }
        let parts = groups.map { group in
            let joined = group.items.joined(separator: ", ")
            return group.element.map { "\($0): \(joined)" } ?? joined
        }
        return "  [" + parts.joined(separator: "; ") + "]"
    }
}
