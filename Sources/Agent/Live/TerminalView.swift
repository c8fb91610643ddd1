import Foundation
import MarketData

/// The live one-screen view of `fsd run`: redrawn in place with ANSI codes on a terminal.
public struct TerminalView: Sendable {
    /// The terminal's width: each checklist column gets half, and a condition longer than that
    /// wraps within its column, so the two sides stay side by side with every value shown.
    public var columns: Int

    public init(columns: Int = TerminalView.environmentColumns) {
        self.columns = max(60, columns)
    }

    /// `$COLUMNS` when the shell exports it, else 120.
    public static var environmentColumns: Int {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
    }

    /// The whole screen: cursor home, each line cleared to its end, the rest of the screen cleared.
    public func screen(_ snapshot: AgentSnapshot) -> String {
        "\u{1B}[H" + lines(snapshot).map { $0 + "\u{1B}[K" }.joined(separator: "\n") + "\n\u{1B}[J"
    }

    /// The view's lines without control codes.
    public func lines(_ s: AgentSnapshot) -> [String] {
        func money(_ value: Price?) -> String { value.map { $0.formatted(decimals: 2) } ?? "—" }
        var out: [String] = []
        out.append("FSDTrader  \(s.symbol)  \(s.time.clock)  strategy \(s.strategyName)  model \(s.model)  \(s.speed)")
        // A block stays on screen for as long as it holds: the one thing a trader must not miss.
        if let block = s.entryBlock {
            out.append(contentsOf: Self.wrap("ENTRIES BLOCKED: \(block)", width: columns))
        } else if let halted = s.halted {
            out.append(contentsOf: Self.wrap("HALTED: \(halted)", width: columns))
        }
        if let rejected = s.reloadRejection {
            for line in rejected.split(separator: "\n") { out.append(contentsOf: Self.wrap(String(line), width: columns)) }
        }
        let spread = s.bid.flatMap { bid in s.ask.map { ($0 - bid).display } } ?? "—"
        out.append("last \(money(s.last))   bid \(money(s.bid))   ask \(money(s.ask))   spread \(spread)")
        let side = s.account.positionSide?.name ?? "FLAT"
        let entry = s.account.avgEntry.map { " @ \($0.display)" } ?? ""
        out.append(
            "position \(side) \(s.account.position)\(entry)   unrealized \(s.account.unrealizedPL.formatted(decimals: 2))"
                + "   day P&L \(s.account.dailyPL.formatted(decimals: 2))   trades \(s.account.dailyTrades)")
        let orders = s.activeOrders.map { "\($0.role.name) \($0.side.name) \($0.qty) \($0.type.name) \($0.price?.display ?? "MKT")" }
        out.append("orders: " + (orders.isEmpty ? "none" : orders.joined(separator: " | ")))
        out.append("")
        if let held = s.account.positionSide, s.account.position != 0 {
            // In a position the exit rules decide, so they take the screen's width.
            out.append("EXIT RULES (\(held.name))")
            for rule in s.exitRules {
                out.append(contentsOf: Self.wrap((rule.passed ? "FIRES " : "-     ") + rule.text, width: columns))
            }
        } else {
            out.append(contentsOf: checklistColumns(s))
        }
        out.append("")
        out.append("decision: \(s.lastDecision ?? "—")\(s.modelBusy ? "   (model thinking…)" : "")")
        out.append(contentsOf: Self.wrap("verdict:  \(s.lastVerdict ?? "—")", width: columns))
        if let event = s.lastEvent { out.append(contentsOf: Self.wrap("last:     \(event)", width: columns)) }
        out.append("Ctrl-C stops: cancels orders, flattens, journals.")
        return out
    }

    /// LONG and SHORT side by side, each condition wrapped within its half: every value it read stays readable.
    private func checklistColumns(_ s: AgentSnapshot) -> [String] {
        let width = columns / 2
        let longAll = !s.longConditions.isEmpty && s.longConditions.allSatisfy(\.passed)
        let shortAll = !s.shortConditions.isEmpty && s.shortConditions.allSatisfy(\.passed)
        var out = ["LONG \(longAll ? "✓ SETUP" : "")".padded(toWidth: width) + "SHORT \(shortAll ? "✓ SETUP" : "")"]
        for row in 0..<max(s.longConditions.count, s.shortConditions.count) {
            func cell(_ conditions: [AgentSnapshot.Condition]) -> [String] {
                guard row < conditions.count else { return [] }
                return Self.wrap((conditions[row].passed ? "✓ " : "✗ ") + conditions[row].text, width: width - 1)
            }
            let long = cell(s.longConditions)
            let short = cell(s.shortConditions)
            for line in 0..<max(long.count, short.count) {
                let left = line < long.count ? long[line] : ""
                let right = line < short.count ? short[line] : ""
                out.append(right.isEmpty ? left : left.padded(toWidth: width) + right)
            }
        }
        return out
    }

    /// `text` in lines of at most `width` characters, broken at spaces where it can be; the lines
    /// after the first are indented so a wrapped condition reads as one.
    static func wrap(_ text: String, width: Int) -> [String] {
        let indent = "    "
        var lines: [String] = []
        var rest = Substring(text)
        var limit = max(width, indent.count + 10)
        while rest.count > limit {
            let window = rest.prefix(limit)
            let cut = window.lastIndex(of: " ").flatMap { $0 > window.startIndex ? $0 : nil } ?? window.endIndex
            lines.append((lines.isEmpty ? "" : indent) + rest[..<cut])
            rest = rest[cut...].drop { $0 == " " }
            limit = max(width, indent.count + 10) - indent.count
        }
        lines.append((lines.isEmpty ? "" : indent) + rest)
        return lines
    }

    /// One plain log line for a status update when stdout is not a terminal.
    public func statusLine(_ s: AgentSnapshot) -> String {
        let side = s.account.positionSide?.name ?? "FLAT"
        let longPass = s.longConditions.filter(\.passed).count
        let shortPass = s.shortConditions.filter(\.passed).count
        return "\(s.time.clock) last \(s.last?.display ?? "—") bid \(s.bid?.display ?? "—") ask \(s.ask?.display ?? "—") "
            + "pos \(side) \(s.account.position) dayPL \(s.account.dailyPL.formatted(decimals: 2)) trades \(s.account.dailyTrades) "
            + "long \(longPass)/\(s.longConditions.count) short \(shortPass)/\(s.shortConditions.count)"
            + (s.halted.map { " HALTED: \($0)" } ?? "")
            + (s.halted == nil ? s.entryBlock.map { " ENTRIES BLOCKED: \($0)" } ?? "" : "")
    }
}
