import Foundation
import Testing
import TestSupport

/// #13 item 2: the backtest report drawn by real headless Chromium on the bundled day: the funnel
/// chart, the condition timeline (a row per condition, the setups, the fills) and a chain per trade
/// are in the rendered DOM, and the screenshot is not blank.
@Suite(.serialized) struct ReportRenderTests {
    @Test func chromiumDrawsTheFunnelTheTimelineAndEachTradesChain() throws {
        guard let chromium = try Chromium.require() else { return }
        let folder = try RunProcess.temporaryFolder()
        let report = folder.appendingPathComponent("report.html").path
        let outcome = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("funnel-small.yaml").path, "--model", "rules",
            "--to", "12:00", "--report", report, "--json", "--no-journal",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let funnel = try #require(summary["funnel"] as? [String: Any])
        let setups = try ["long", "short"].map { try #require(($0 == "long" ? funnel["long"] : funnel["short"]) as? [String: Any]) }
            .reduce(0) { $0 + ($1["setups"] as? Int ?? 0) }
        let trades = try #require(summary["trades"] as? Int)
        #expect(trades > 0 && setups > trades)

        let dom = try Chromium.run(chromium, ["--dump-dom"], page: report)
        func count(_ needle: String) -> Int { dom.components(separatedBy: needle).count - 1 }
        #expect(dom.contains("id=\"why\""))
        // What the data are and which strategy, as the text summary says them.
        #expect(dom.contains("Data: NASDAQ TotalView-ITCH only (LOBSTER)"), "the report names the data's coverage")
        #expect(dom.contains("strategy hash \(try #require(summary["strategy_hash"] as? String))"))
        #expect(dom.contains(try #require(funnel["why"] as? String).replacingOccurrences(of: "&", with: "&amp;")))
        #expect(count("<svg id=\"funnel\"") == 1)
        #expect(count("class=\"funnel-row\"") == 6)
        #expect(count("<svg id=\"timeline\"") == 1)
        // funnel-small.yaml: three conditions a side and no chase guard.
        #expect(count("<g class=\"lane\"") == 6)
        #expect(count("class=\"setup\"") == setups)
        #expect(count("<g class=\"series\"") == 2, "SPREAD and TAPE_DELTA_5S, the one number its rules read")
        #expect(count("class=\"trade-chain\"") == trades)
        #expect(dom.contains("gate and risk: EXECUTED ENTER_"))

        let screenshot = folder.appendingPathComponent("report.png").path
        _ = try Chromium.run(chromium, ["--window-size=1200,2400", "--screenshot=\(screenshot)"], page: report)
        let image = try PNGImage(data: Data(contentsOf: URL(fileURLWithPath: screenshot)))
        #expect(image.width == 1200 && image.height == 2400)
        // A page of text and charts: far from blank, and in many colors (shaded rows, bars, lines).
        #expect(image.shareNot() > 0.05, "\(image.shareNot())")
        #expect(image.colorCount > 50, "\(image.colorCount) colors")
    }

    @Test func aBlankPageIsToldApartFromADrawnOne() throws {
        guard let chromium = try Chromium.require() else { return }
        let folder = try RunProcess.temporaryFolder()
        let page = folder.appendingPathComponent("blank.html").path
        try "<!doctype html><html><body></body></html>".write(toFile: page, atomically: true, encoding: .utf8)
        let screenshot = folder.appendingPathComponent("blank.png").path
        _ = try Chromium.run(chromium, ["--window-size=400,300", "--screenshot=\(screenshot)"], page: page)
        let image = try PNGImage(data: Data(contentsOf: URL(fileURLWithPath: screenshot)))
        #expect(image.shareNot() == 0)
        #expect(image.colorCount == 1)
    }
}
