import Foundation
import MarketData
import StateVector
import Strategy
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
        // The funnel chart, the equity curve and the price path; no ticks, so no timeline.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(html.contains("No ticks in this run: nothing to draw."))
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

    @Test func aDayWithoutTradesHasNoWinRateAndAWindowKeepsItsLastMinute() throws {
        var summary = BacktestSummary(
            strategyName: "momentum", strategyHash: "0123456789abcdef", symbol: "GOOG", dataPath: "x.fsdr", model: "rules",
            latencyCharged: "none")
        summary.from = Timestamp(hours: 10, minutes: 0, seconds: 0)
        summary.to = Timestamp(hours: 10, minutes: 10, seconds: 0)
        summary.wallSeconds = 0.5
        summary.statistics.events = 1_000_000
        #expect(summary.text.contains("GOOG  10:00–10:10, strategy momentum"))
        #expect(summary.text.contains("Trades 0, wins 0, win rate n/a,"))
        #expect(summary.text.contains("Speed: 1000000 events, 0 ticks in 0.500 s = 2.00 M events/s"))
        let json = try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any]
        #expect(json?["win_rate"] is NSNull)
        // A stop between minutes is shown to the second, never rounded down to the minute before.
        summary.to = Timestamp(hours: 10, minutes: 9, seconds: 59) + .milliseconds(800)
        #expect(summary.text.contains("10:00–10:09:59,"))
        // A run waits for its data: its events per second say nothing, and it names no empty percentile.
        summary.title = "Run"
        #expect(summary.text.contains("Handled: 1000000 events, 0 ticks over 0.5 s"))
        #expect(!summary.text.contains("M events/s"))
        #expect(!summary.text.contains("n/a µs"))
    }

    @Test func terminalViewShowsTheChecklistAndDegradesToOneLine() throws {
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
        // A condition that read many values wraps within its half of the screen: no value is lost.
        let long = "none(DOM_WALLS, side == ASK) " + (1...20).map { "[x\($0) = 1]" }.joined(separator: " ")
        snapshot.longConditions[0] = .init(text: long, passed: true)
        let wrapped = view.lines(snapshot)
        let first = try #require(wrapped.firstIndex { $0.hasPrefix("✓ none(DOM_WALLS") })
        #expect(wrapped[first].hasSuffix("✗ L2_IMBALANCE < 0.6"))
        let continued = wrapped[(first + 1)...].prefix { $0.hasPrefix("    ") }
        #expect(continued.count >= 2)
        #expect(([wrapped[first]] + continued).allSatisfy { $0.count <= 120 })
        #expect(continued.joined().contains("[x20 = 1]"))
        #expect(!wrapped.joined().contains("…"))
        #expect(view.statusLine(snapshot) == "10:01:02.000 last 580.10 bid 580.09 ask 580.12 pos FLAT 0 dayPL 0.00 trades 0 long 1/2 short 0/1")
    }

    @Test func inAPositionTheScreenShowsTheExitRulesAndABlockStaysOnTop() {
        var snapshot = AgentSnapshot()
        snapshot.symbol = "GOOG"
        snapshot.account.position = 100
        snapshot.account.positionSide = .long
        snapshot.longConditions = [.init(text: "imbalance: L2_IMBALANCE > 1.5", passed: true)]
        snapshot.exitRules = [
            .init(text: "imbalance_reversal: L2_IMBALANCE < 0.7 => exit  [L2_IMBALANCE = 0.52]", passed: true),
            .init(text: "cvd_reversal: CVD_TREND == FALLING => exit  [CVD_TREND = RISING]", passed: false),
        ]
        snapshot.entryBlock = "broker not connected (1100)"
        snapshot.reloadRejection = "10:01:00.000 strategy edit rejected, still running 8353244cf4a13303: s.yaml:12:15: unknown value 'RISNG'\n  did you mean 'RISING'?"
        let lines = TerminalView(columns: 100).lines(snapshot)
        #expect(lines[1] == "ENTRIES BLOCKED: broker not connected (1100)")
        #expect(lines.contains("  did you mean 'RISING'?"))
        #expect(lines.contains("EXIT RULES (LONG)"))
        #expect(lines.contains("FIRES imbalance_reversal: L2_IMBALANCE < 0.7 => exit  [L2_IMBALANCE = 0.52]"))
        #expect(lines.contains("-     cvd_reversal: CVD_TREND == FALLING => exit  [CVD_TREND = RISING]"))
        #expect(!lines.contains { $0.contains("imbalance: L2_IMBALANCE > 1.5") })
        #expect(TerminalView().statusLine(snapshot).hasSuffix(" ENTRIES BLOCKED: broker not connected (1100)"))
    }

    @Test func fileWatcherSeesAnEditButNotTheSameBytesAgain() throws {
        let path = JournalTests.temporaryPath("s.yaml")
        try JournalWriter.makeParentDirectory(of: path)
        try "name: a\n".write(toFile: path, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: path, contents: "name: a\n")
        #expect(watcher.poll() == nil)
        try "name: b\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(watcher.poll() == Array("name: b\n".utf8))
        #expect(watcher.poll() == nil)
        try "name: b\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(watcher.poll() == nil)
    }

    /// #16: the watcher decoded the file with replacement characters, so a reload accepted invalid
    /// UTF-8 that `fsd validate` rejects. It hands over the bytes, which compile as validate's do.
    @Test func aReloadSeesInvalidUTF8AsValidateDoes() throws {
        let path = JournalTests.temporaryPath("s.yaml")
        try JournalWriter.makeParentDirectory(of: path)
        let valid = try String(contentsOfFile: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path, encoding: .utf8)
        var watcher = FileWatcher(path: path, contents: valid)
        var bytes = Array(valid.utf8)
        // Inside the first value (`name: eager`), not a comment.
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "g")))
        bytes[at] = 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let polled = watcher.poll()
        #expect(polled == bytes)
        #expect(throws: StrategyError.self) { try StrategyLoader.compile(bytes: polled ?? [], fileName: path) }
        // What validate reads from the same file is rejected the same way.
        #expect(throws: StrategyError.self) { try StrategyLoader.load(contentsOf: path) }
    }
}
