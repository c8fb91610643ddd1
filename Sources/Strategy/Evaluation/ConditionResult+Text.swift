extension ConditionResult {
    /// How a condition and its readings are worded where a trader reads them; one formatter for the
    /// checklist, the gate's refusals, the rules' reasons and the live view.
    public enum TextStyle: Sendable {
        /// `✓ imbalance: L2_IMBALANCE > 1.5 [L2_IMBALANCE = 2.1]` (`fsd explain`, logs).
        case checklist
        /// `cvd: CVD_TREND == RISING [CVD_TREND = FALLING]` (the rules' WAIT reasons).
        case brief
        /// `imbalance: L2_IMBALANCE > 1.5 fails (L2_IMBALANCE = 1.32)` (a refused entry).
        case refusal
        /// `imbalance: L2_IMBALANCE > 1.5  [L2_IMBALANCE = 2.1]` (the live view, where ✓/✗ stand apart).
        case view
    }

    /// What the rule read, `NAME = value` joined by commas.
    public var readingsText: String { readings.joinedText }

    public func text(_ style: TextStyle) -> String {
        let values = readingsText
        let unknown = outcome == .unknown
        switch style {
        case .checklist:
            return "\(passed ? "✓" : "✗") \(name): \(rule)" + (values.isEmpty ? "" : " [\(values)]")
                + (unknown ? " (unknown: reads null)" : "")
        case .brief:
            return "\(name): \(rule)" + (values.isEmpty ? "" : " [\(values)]") + (unknown ? " (reads null)" : "")
        case .refusal:
            return "\(name): \(rule) fails (\(values)\(unknown ? ", reads null" : ""))"
        case .view:
            return "\(name): \(rule)" + (values.isEmpty ? "" : "  [\(values)]")
        }
    }
}

extension [Reading] {
    /// `L2_IMBALANCE = 2.1, SPREAD = 0.03`: readings as every report words them.
    public var joinedText: String { map(\.description).joined(separator: ", ") }
}

extension ExitRuleResult {
    /// What the exit rule read, `NAME = value` joined by commas.
    public var readingsText: String { readings.joinedText }
}
