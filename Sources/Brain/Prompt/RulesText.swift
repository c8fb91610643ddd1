import MarketData
import StateVector
import Strategy

/// The strategy's rules as the prompt states them: the same conditions, thresholds and limits the
/// compiled checklist and the risk layer enforce, so the two can never drift apart.
enum RulesText {
    static func entries(_ conditions: [EntryCondition]) -> String {
        guard !conditions.isEmpty else { return "(none: this side never enters)" }
        return conditions.enumerated().map { "\($0.offset + 1). \($0.element.text)" }.joined(separator: "\n")
    }

    static func exits(_ definition: StrategyDefinition) -> String {
        var lines: [String] = []
        for (label, rules) in [("LONG", definition.longExits), ("SHORT", definition.shortExits)] {
            for rule in rules { lines.append("- \(label) position: \(rule.text)") }
        }
        return lines.isEmpty ? "(none: only the bracket's stop and target exit)" : lines.joined(separator: "\n")
    }

    static func hints(_ hints: [StrategyHint]) -> String {
        hints.isEmpty ? "(none)" : hints.map { "- \($0.text)" }.joined(separator: "\n")
    }

    /// The risk lines. A distance written as a share of LAST reads `0.05% of LAST` (the system
    /// prompt, the same every tick) or, with `last`, `$0.11 (0.05% of 224.30)`.
    static func risk(_ risk: RiskSettings, at last: Price? = nil) -> String {
        var lines = [
            "- Max risk per trade: \(risk.maxRiskPerShare.explained(at: last)) (stop distance from the limit price)",
            "- Max profit target: \(risk.maxTarget.explained(at: last)) from the limit, or farther only just before the next "
                + "wall/level (within \(risk.levelBuffer.explained(at: last)) of it, never beyond it)",
        ]
        if let guardRule = risk.chaseGuardLong {
            lines.append("- Never chase (LONG): WAIT for a pullback while \(guardRule)")
        }
        if let guardRule = risk.chaseGuardShort {
            lines.append("- Never chase (SHORT): WAIT for a pullback while \(guardRule)")
        }
        if risk.chaseGuardLong != nil || risk.chaseGuardShort != nil {
            lines.append("  (prev(X) is X on the previous tick)")
        }
        lines += [
            "- No entry while SPREAD > \(risk.maxSpread.explained(at: last)); a limit may chase at most "
                + "\(risk.maxSlippage.explained(at: last)) through the touch",
            "- Size: \(risk.positionSize) shares per entry, at most \(risk.maxPosition) shares, at most "
                + "\(risk.maxTradesPerDay) entries per day; trading halts at a daily loss of $\(risk.maxDailyLoss.display)",
        ]
        return lines.joined(separator: "\n")
    }

    /// For a strategy with distances relative to LAST: those distances in dollars now, the line the
    /// user message ends with (the system prompt, kept the same every tick, says only the share).
    static func distancesNow(_ risk: RiskSettings, last: Price?) -> String? {
        guard risk.hasRelativeDistances, let last else { return nil }
        return "PRICE LIMITS AT LAST \(last.display): max risk per trade \(risk.maxRiskPerShare.explained(at: last)), "
            + "max target \(risk.maxTarget.explained(at: last)), level buffer \(risk.levelBuffer.explained(at: last)), "
            + "max spread \(risk.maxSpread.explained(at: last)), max chase \(risk.maxSlippage.explained(at: last))"
    }

    static func history(_ entries: [HistoryEntry]) -> String {
        guard !entries.isEmpty else { return "(none)" }
        return entries.suffix(3).map { entry in
            let reason = entry.reason.map { " (\($0))" } ?? ""
            return "- \(entry.time) \(entry.command) -> \(entry.outcome.name)\(reason)"
        }.joined(separator: "\n")
    }
}
