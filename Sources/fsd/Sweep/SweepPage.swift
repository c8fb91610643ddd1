import Agent
import Foundation

/// A sweep as a self-contained HTML page: the ranking drawn as bars (P&L per parameter set, the
/// range over the slices as a whisker), the ranking and every row as tables, the walk-forward.
enum SweepPage {
    static func render(_ table: SweepTable, walkForward: WalkForward?) -> String {
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>FSDTrader sweep \(HTMLReport.escape(table.strategy))</title>
            <style>
            body{font:14px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1200px}
            table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
            td.l,th.l{text-align:left}pre{background:#f6f8fa;padding:12px;font:12px/1.35 Menlo,Consolas,monospace}
            </style></head><body>
            <h1>Sweep: \(HTMLReport.escape(table.strategy))</h1>

            """
        let ranking = table.ranking
        html += "<h2>P&amp;L after commissions per parameter set (bar: total; line: per-slice min to max)</h2>\n"
        html += bars(ranking)
        if let walkForward { html += "<h2>Walk-forward</h2>\n<pre>\(HTMLReport.escape(walkForward.text))</pre>\n" }
        html += "<h2>Ranked by \(HTMLReport.escape(table.objective.words))</h2>\n<table id=\"ranking\"><tr><th>rank</th><th class=\"l\">parameters</th>"
        html += "<th>P&amp;L</th><th>mean</th><th>min</th><th>max</th><th>trades</th><th>win %</th><th>worst DD</th></tr>\n"
        for (index, set) in ranking.enumerated() {
            html += "<tr><td>\(index + 1)</td><td class=\"l\">\(HTMLReport.escape(set.parameters))</td><td>\(SweepTable.money(set.pl))</td>"
            html += "<td>\(SweepTable.money(set.meanPL))</td><td>\(SweepTable.money(set.minPL))</td><td>\(SweepTable.money(set.maxPL))</td>"
            html += "<td>\(set.trades)</td><td>\(SweepTable.percent(set.winRate))</td><td>\(SweepTable.money(set.worstDrawdown))</td></tr>\n"
        }
        html += "</table>\n<h2>Every cell</h2>\n<table id=\"cells\"><tr><th>cell</th><th class=\"l\">parameters</th><th class=\"l\">data</th>"
        html += "<th class=\"l\">window</th><th>trades</th><th>win %</th><th>P&amp;L</th><th>max DD</th><th>setups</th><th>taken</th>"
        html += "<th class=\"l\">why</th></tr>\n"
        for row in table.rows {
            html += "<tr><td>\(row.cell.index)</td><td class=\"l\">\(HTMLReport.escape(row.cell.parameterText))</td>"
            html += "<td class=\"l\">\(HTMLReport.escape(row.cell.slice.label))</td><td class=\"l\">\(row.cell.slice.window)</td>"
            html += "<td>\(row.trades)</td><td>\(SweepTable.percent(row.winRate))</td><td>\(SweepTable.money(row.pl))</td>"
            html += "<td>\(SweepTable.money(row.maxDrawdown))</td><td>\(row.setups)</td><td>\(row.taken)</td>"
            html += "<td class=\"l\">\(HTMLReport.escape(row.why))</td></tr>\n"
        }
        return html + "</table>\n</body></html>\n"
    }

    private static func bars(_ ranking: [SweepRanking]) -> String {
        func dollars(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
        let values: [Double] = ranking.flatMap { [dollars($0.pl), dollars($0.minPL), dollars($0.maxPL)] } + [0]
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let span = max(high - low, 1)
        let rowHeight = 20.0
        let left = 420.0
        let width = 520.0
        func x(_ value: Double) -> Double { left + (value - low) / span * width }
        var svg = "<svg id=\"bars\" viewBox=\"0 0 1000 \(Int(Double(ranking.count) * rowHeight + 20))\" width=\"100%\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Menlo,Consolas,monospace\" font-size=\"11\">\n"
        let zero = x(0)
        svg += "<line x1=\"\(zero)\" x2=\"\(zero)\" y1=\"0\" y2=\"\(Double(ranking.count) * rowHeight)\" stroke=\"#999\"/>\n"
        for (index, set) in ranking.enumerated() {
            let y = Double(index) * rowHeight
            let total = dollars(set.pl)
            svg += "<text x=\"4\" y=\"\(y + 14)\">\(HTMLReport.escape(String(set.parameters.prefix(56))))</text>"
            svg += "<rect class=\"bar\" x=\"\(min(zero, x(total)))\" y=\"\(y + 4)\" width=\"\(abs(x(total) - zero))\" height=\"12\" "
            svg += "fill=\"\(total >= 0 ? "#0a7d32" : "#c62828")\"><title>\(SweepTable.money(set.pl))</title></rect>"
            svg += "<line x1=\"\(x(dollars(set.minPL)))\" x2=\"\(x(dollars(set.maxPL)))\" y1=\"\(y + 10)\" y2=\"\(y + 10)\" stroke=\"#222\"/>\n"
        }
        return svg + "</svg>\n"
    }
}
