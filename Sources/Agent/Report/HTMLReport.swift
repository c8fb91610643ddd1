import MarketData

/// A self-contained HTML page of a backtest: why it traded as it did (the funnel as a chart, the
/// condition timeline with the price, setups, fills, spread and features), the equity curve, the
/// price path with every entry and exit, and per trade the chain of verdicts behind it. Inline SVG
/// and CSS only, no script, so it opens with no network.
public enum HTMLReport {
    public static func render(_ summary: BacktestSummary) -> String {
        let stats = summary.statistics
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>FSDTrader backtest \(escape(summary.symbol)) \(escape(summary.date.map { "\($0)" } ?? ""))</title>
            <style>
            body{font:14px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
            pre{background:#f6f8fa;padding:12px;overflow-x:auto;font:12px/1.35 Menlo,Consolas,monospace}
            svg{background:#fff;border:1px solid #ddd;margin:8px 0}
            table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
            .win{color:#0a7d32}.loss{color:#c62828}.legend{font-size:12px;color:#555}
            .why{font-size:16px;background:#fff8e1;border-left:4px solid #f9a825;padding:8px 12px}
            .trade-chain ol{margin:4px 0 12px;font-size:13px}.trade-chain h3{font-size:14px;margin:12px 0 2px}
            </style></head><body>
            <h1>Backtest: \(escape(summary.strategyName)) on \(escape(summary.symbol))</h1>
            <p class="legend" id="data">\(escape(summary.dataset?.line ?? "Data: \(summary.dataPath)"))</p>
            <p class="legend" id="strategy">strategy hash \(escape(summary.strategyHash))\(summary.overrides.isEmpty ? "" : "; overrides: " + escape(summary.overridesText))</p>
            <p class="why" id="why">\(escape(stats.funnel.why))</p>

            """
        html += "<h2>The funnel: what passed, what alone blocked, what stopped the setups</h2>\n"
        html += funnelChart(stats.funnel)
        html += "<h2>Condition timeline</h2>\n"
        html += "<p class=\"legend\">Each row is shaded where its condition passed (darker: on more of the ticks); "
        html += "setups in the setups row (green: taken; hover for what stopped the others); lines mark fills "
        html += "(green buy, red sell); under it the spread (dashed: max_spread) and each number the rules read.</p>\n"
        html += timeline(stats)
        html += "<h2>Equity (P&amp;L after commissions, $)</h2>\n"
        html += chart(series: stats.equity, markers: [], zeroLine: true)
        html += "<h2>Price path with entries and exits</h2>\n"
        html += "<p class=\"legend\">▲ green: buy &nbsp; ▼ red: sell &nbsp; (each marker is a fill; hover for details)</p>\n"
        html += chart(series: stats.prices, markers: stats.markers, zeroLine: false)
        html += tradesTable(stats.trades)
        html += tradeChains(stats)
        html += "<h2>Summary</h2>\n<pre>\(escape(summary.text))</pre>\n"
        html += "</body></html>\n"
        return html
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func chart(series: [RunStatistics.Point], markers: [RunStatistics.Marker], zeroLine: Bool) -> String {
        let width = 1000.0
        let height = 300.0
        let pad = 50.0
        guard let first = series.first, let last = series.last else {
            return "<p>No data in this run.</p>\n"
        }
        var low = series.map(\.value.raw).min() ?? 0
        var high = series.map(\.value.raw).max() ?? 0
        for marker in markers {
            low = min(low, marker.price.raw)
            high = max(high, marker.price.raw)
        }
        if zeroLine {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high == low { high = low + 100 }
        let t0 = Double(first.time.nanos)
        let span = max(Double(last.time.nanos) - t0, 1)
        func x(_ time: Timestamp) -> Double { pad + (Double(time.nanos) - t0) / span * (width - 2 * pad) }
        func y(_ raw: Int64) -> Double { height - pad + (Double(low) - Double(raw)) / Double(high - low) * (height - 2 * pad) }
        func f(_ value: Double) -> String { String(Int((value * 10).rounded())) .withDecimal }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (raw, anchor) in [(high, pad), (low, height - pad)] {
            svg += "<text x=\"4\" y=\"\(f(anchor + 4))\" font-size=\"11\" fill=\"#555\">\(Price(raw: raw).formatted(decimals: 2))</text>\n"
        }
        svg += "<text x=\"\(Int(pad))\" y=\"\(Int(height - 18))\" font-size=\"11\" fill=\"#555\">\(first.time.clock.prefix(8))</text>\n"
        svg += "<text x=\"\(Int(width - pad - 50))\" y=\"\(Int(height - 18))\" font-size=\"11\" fill=\"#555\">\(last.time.clock.prefix(8))</text>\n"
        if zeroLine {
            svg += "<line x1=\"\(Int(pad))\" x2=\"\(Int(width - pad))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
        }
        var points = ""
        points.reserveCapacity(series.count * 14)
        for point in series {
            points += f(x(point.time)) + "," + f(y(point.value.raw)) + " "
        }
        svg += "<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.2\" points=\"\(points)\"/>\n"
        for marker in markers {
            let cx = x(marker.time)
            let cy = y(marker.price.raw)
            let buy = marker.kind == .buy
            let shape = buy
                ? "\(f(cx)),\(f(cy + 2)) \(f(cx - 5)),\(f(cy + 11)) \(f(cx + 5)),\(f(cy + 11))"
                : "\(f(cx)),\(f(cy - 2)) \(f(cx - 5)),\(f(cy - 11)) \(f(cx + 5)),\(f(cy - 11))"
            svg += "<polygon points=\"\(shape)\" fill=\"\(buy ? "#0a7d32" : "#c62828")\">"
            svg += "<title>\(marker.time.clock) \(marker.kind.rawValue) \(escape(marker.role)) @ \(marker.price.display)</title></polygon>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    private static func tradesTable(_ trades: [ClosedTrade]) -> String {
        guard !trades.isEmpty else { return "<h2>Trades</h2><p>No trades.</p>\n" }
        var html = "<h2>Trades</h2>\n<table><tr><th>#</th><th>side</th><th>shares</th><th>opened</th><th>entry</th>"
        html += "<th>closed</th><th>exit</th><th>net P&amp;L</th></tr>\n"
        for (index, trade) in trades.enumerated() {
            let css = trade.netPL > .zero ? "win" : "loss"
            html += "<tr><td>\(index + 1)</td><td>\(trade.side.name)</td><td>\(trade.shares)</td>"
            html += "<td>\(trade.openedAt.clock)</td><td>\(trade.entryPrice.display)</td>"
            html += "<td>\(trade.closedAt.clock)</td><td>\(trade.exitPrice.display)</td>"
            html += "<td class=\"\(css)\">\(trade.netPL.formatted(decimals: 2))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}

extension String {
    /// A number of tenths written as a decimal (`123` -> `12.3`), for compact SVG coordinates.
    fileprivate var withDecimal: String {
        guard let value = Int(self) else { return self }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
