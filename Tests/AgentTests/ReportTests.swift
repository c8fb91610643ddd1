import Foundation
import MarketData
import StateVector
import Testing

@testable import Agent

@Suite struct ReportTests {
    private func summary() -> BacktestSummary {
        var summary = BacktestSummary(
            strategyName: "momentum <test>", strategyHash: "0123456789abcdef", symbol: "GOOG", dataPath: "x.csv.gz",
            model: "rules (the compiled checklist decides alone)", latencyCharged: "0 ms")
        let t0 = Timestamp(hours: 10, minutes: 0, seconds: 0)
        summary.statistics.sampleEvery = .seconds(1)
        for second in 0..<10 {
            summary.statistics.observe(time: t0 + .seconds(Int64(second)), equity: Price(cents: Int64(second * 100 - 300)), last: Price(cents: 58_000 + Int64(second)))
        }
        summary.statistics.markers = [
            .init(time: t0 + .seconds(2), price: Price(cents: 58_002), kind: .buy, role: "ENTRY"),
            .init(time: t0 + .seconds(8), price: Price(cents: 58_008), kind: .sell, role: "TARGET"),
        ]
        summary.statistics.trades = [
            ClosedTrade(side: .long, shares: 100, openedAt: t0 + .seconds(2), closedAt: t0 + .seconds(8), entryPrice: Price(cents: 58_002), exitPrice: Price(cents: 58_008), netPL: Price(cents: 400))
        ]
        summary.finalPL = Price(cents: 400)
        return summary
    }

    @Test func htmlIsSelfContainedWithBothChartsAndEveryFill() {
        let html = HTMLReport.render(summary())
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.components(separatedBy: "<polygon ").count - 1 == 2)
        #expect(html.contains("10:00:02.000 BUY ENTRY @ 580.02"))
        #expect(html.contains("10:00:08.000 SELL TARGET @ 580.08"))
        #expect(html.contains("momentum &lt;test&gt;"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<script"))
        #expect(html.contains("<td class=\"win\">4.00</td>"))
    }

    @Test func summaryTextAndJSONCarryTheFigures() throws {
        let summary = summary()
        let text = summary.text
        #expect(text.contains("Trades 1, wins 1, win rate 100.0%, P&L after commissions 4.00"))
        #expect(text.contains("Model: rules (the compiled checklist decides alone)"))
        let json = try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any]
        #expect(json?["trades"] as? Int == 1)
        #expect(json?["pl_after_commissions"] as? Double == 4.0)
        #expect((json?["agreement_matrix"] as? [String: Any])?["WAIT"] != nil)
    }

    @Test func terminalViewShowsTheChecklistAndDegradesToOneLine() {
        var snapshot = AgentSnapshot()
        snapshot.time = Timestamp(hours: 10, minutes: 1, seconds: 2)
        snapshot.symbol = "GOOG"
        snapshot.last = Price(cents: 58_010)
        snapshot.bid = Price(cents: 58_009)
        snapshot.ask = Price(cents: 58_012)
        snapshot.longConditions = [.init(text: "L2_IMBALANCE > 1.5  [L2_IMBALANCE = 2.1]", passed: true), .init(text: "RVOL_DAY > 1.5", passed: false)]
        snapshot.shortConditions = [.init(text: "L2_IMBALANCE < 0.6", passed: false)]
        snapshot.lastVerdict = "refused ENTER_LONG: rvol fails at arrival"
        let view = TerminalView(columns: 120)
        let lines = view.lines(snapshot)
        #expect(lines[1] == "last 580.10   bid 580.09   ask 580.12   spread 0.03")
        #expect(lines.contains { $0.hasPrefix("✓ L2_IMBALANCE > 1.5") && $0.hasSuffix("✗ L2_IMBALANCE < 0.6") })
        #expect(lines.contains("verdict:  refused ENTER_LONG: rvol fails at arrival"))
        #expect(view.screen(snapshot).hasPrefix("\u{1B}[H"))
        // A condition that read many values is cut to its half of the screen, never wrapped.
        snapshot.longConditions[0] = .init(text: "none(DOM_WALLS, side == ASK) " + String(repeating: "[x = 1] ", count: 20), passed: true)
        let cut = view.lines(snapshot).first { $0.hasPrefix("✓ none(DOM_WALLS") }
        #expect(cut?.count == 60 + "✗ L2_IMBALANCE < 0.6".count)
        #expect(cut?.contains("…  ") == false && cut?.contains("…") == true)
        #expect(view.statusLine(snapshot) == "10:01:02.000 last 580.10 bid 580.09 ask 580.12 pos FLAT 0 dayPL 0.00 trades 0 long 1/2 short 0/1")
    }

    @Test func fileWatcherSeesAnEditButNotTheSameBytesAgain() throws {
        let path = JournalTests.temporaryPath("s.yaml")
        try JournalWriter.makeParentDirectory(of: path)
        try "name: a\n".write(toFile: path, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: path, contents: "name: a\n")
        #expect(watcher.poll() == nil)
        try "name: b\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(watcher.poll() == "name: b\n")
        #expect(watcher.poll() == nil)
        try "name: b\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(watcher.poll() == nil)
    }
}
