import Foundation
import MarketData

/// The live one-screen view of `fsd run`: redrawn in place with ANSI codes on a terminal.
public struct TerminalView: Sendable {
    /// The terminal's width: each checklist column gets half and is cut with `…` beyond it, so the
    /// two sides stay side by side however many values a condition read.
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
        let spread = s.bid.flatMap { bid in s.ask.map { ($0 - bid).display } } ?? "—"
        out.append("last \(money(s.last))   bid \(money(s.bid))   ask \(money(s.ask))   spread \(spread)")
        let side = s.account.positionSide?.name ?? "FLAT"
        let entry = s.account.avgEntry.map { " @ \($0.display)" } ?? ""
        out.append(
            "position \(side) \(s.account.position)\(entry)   unrealized \(s.account.unrealizedPL.formatted(decimals: 2))"
                + "   day P&L \(s.account.dailyPL.formatted(decimals: 2))   trades \(s.account.dailyTrades)")
        if let halted = s.halted { out.append("HALTED: \(halted)") }
        let orders = s.activeOrders.map { "\($0.role.name) \($0.side.name) \($0.qty) \($0.type.name) \($0.price?.display ?? "MKT")" }
        out.append("orders: " + (orders.isEmpty ? "none" : orders.joined(separator: " | ")))
        out.append("")
        let rows = max(s.longConditions.count, s.shortConditions.count)
        let width = columns / 2
        func fit(_ text: String) -> String { text.count < width ? text : String(text.prefix(width - 2)) + "…" }
        let longAll = !s.longConditions.isEmpty && s.longConditions.allSatisfy(\.passed)
        let shortAll = !s.shortConditions.isEmpty && s.shortConditions.allSatisfy(\.passed)
        out.append("LONG \(longAll ? "✓ SETUP" : "")".padded(toWidth: width) + "SHORT \(shortAll ? "✓ SETUP" : "")")
        for row in 0..<rows {
            func cell(_ conditions: [AgentSnapshot.Condition]) -> String {
                guard row < conditions.count else { return "" }
                return fit((conditions[row].passed ? "✓ " : "✗ ") + conditions[row].text)
            }
            out.append(cell(s.longConditions).padded(toWidth: width) + cell(s.shortConditions))
        }
        out.append("")
        out.append("decision: \(s.lastDecision ?? "—")\(s.modelBusy ? "   (model thinking…)" : "")")
        out.append("verdict:  \(s.lastVerdict ?? "—")")
        if let event = s.lastEvent { out.append("last:     \(event)") }
        out.append("Ctrl-C stops: cancels orders, flattens, journals.")
        return out
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
    }
}
