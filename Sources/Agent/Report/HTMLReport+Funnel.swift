import MarketData
import StateVector

extension HTMLReport {
    /// A color per obstacle, the same in the chart and its legend.
    static func color(_ obstacle: SetupObstacle?) -> String {
        switch obstacle {
        case nil: "#0a7d32"
        case .model: "#6d4c41"
        case .modelBusy: "#8d6e63"
        case .latency: "#ef6c00"
        case .spreadGuard: "#c62828"
        case .chaseGuard: "#ad1457"
        case .dataAge: "#5e35b1"
        case .tradeLimit: "#3949ab"
        case .halt: "#212121"
        case .positionOpen: "#00838f"
        case .entriesBlocked: "#546e7a"
        case .risk: "#9e9d24"
        case .unanswered: "#9e9e9e"
        }
    }

    /// The funnel as a chart: per side, each condition's share of ticks passed and the ticks it
    /// alone blocked, then the setups split into taken and what stopped the rest.
    static func funnelChart(_ funnel: SetupFunnel) -> String {
        let rows = [funnel.long, funnel.short].map { side in side.conditions + (side.chaseGuard.map { [$0] } ?? []) }
        let maxAlone = max(rows.joined().map(\.alone).max() ?? 0, 1)
        let rowHeight = 18.0
        let height = Double(rows.joined().count + 4) * rowHeight + 36
        var svg = "<svg id=\"funnel\" viewBox=\"0 0 1000 \(Int(height))\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\" "
        svg += "font-family=\"Menlo,Consolas,monospace\" font-size=\"11\">\n"
        svg += "<text x=\"170\" y=\"14\" fill=\"#555\">passed (share of \(funnel.ticks.grouped) ticks)</text>"
        svg += "<text x=\"600\" y=\"14\" fill=\"#555\">the only condition failing (ticks)</text>\n"
        var y = 24.0
        for (sideIndex, side) in [funnel.long, funnel.short].enumerated() {
            svg += "<text x=\"4\" y=\"\(SVG.number(y + 12))\" font-weight=\"bold\" fill=\"#222\">\(side.side.name)</text>\n"
            y += rowHeight
            for row in rows[sideIndex] {
                let share = funnel.ticks == 0 ? 0 : Double(row.passed) / Double(funnel.ticks)
                let alone = Double(row.alone) / Double(maxAlone)
                svg += "<g class=\"funnel-row\"><title>\(escape(row.rule))</title>"
                svg += "<text x=\"14\" y=\"\(SVG.number(y + 12))\" fill=\"#333\">\(escape(row.name))</text>"
                svg += "<rect x=\"170\" y=\"\(SVG.number(y + 2))\" width=\"300\" height=\"13\" fill=\"#f1f1f1\"/>"
                svg += "<rect x=\"170\" y=\"\(SVG.number(y + 2))\" width=\"\(SVG.number(300 * share))\" height=\"13\" fill=\"#90caf9\"/>"
                svg += "<text x=\"476\" y=\"\(SVG.number(y + 12))\" fill=\"#333\">\(row.passed.grouped) (\(SVG.label(share * 100))%)</text>"
                svg += "<rect x=\"600\" y=\"\(SVG.number(y + 2))\" width=\"\(SVG.number(250 * alone))\" height=\"13\" fill=\"#ef6c00\"/>"
                svg += "<text x=\"\(SVG.number(606 + 250 * alone))\" y=\"\(SVG.number(y + 12))\" fill=\"#333\">\(row.alone.grouped)</text></g>\n"
                y += rowHeight
            }
        }
        y += 6
        let setups = funnel.episodes.count
        svg += "<text x=\"4\" y=\"\(SVG.number(y + 12))\" font-weight=\"bold\" fill=\"#222\">setups \(setups.grouped)</text>\n"
        var parts: [(SetupObstacle?, Int)] = [(nil, funnel.taken)]
        parts += funnel.notTaken.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        var x = 170.0
        var legend = 170.0
        for (obstacle, count) in parts where count > 0 {
            let width = 600 * Double(count) / Double(max(setups, 1))
            let name = obstacle.map(\.label) ?? "taken"
            svg += "<rect class=\"setup-part\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y + 2))\" width=\"\(SVG.number(width))\" height=\"13\" "
            svg += "fill=\"\(color(obstacle))\"><title>\(name): \(count.grouped)</title></rect>"
            svg += "<rect x=\"\(SVG.number(legend))\" y=\"\(SVG.number(y + rowHeight + 4))\" width=\"10\" height=\"10\" fill=\"\(color(obstacle))\"/>"
            svg += "<text x=\"\(SVG.number(legend + 14))\" y=\"\(SVG.number(y + rowHeight + 13))\" fill=\"#333\">\(name) \(count.grouped)</text>\n"
            x += width
            legend += 24 + Double(name.count + count.grouped.count) * 7
        }
        if setups == 0 {
            svg += "<text x=\"170\" y=\"\(SVG.number(y + 12))\" fill=\"#555\">no setup: no tick passed every condition of a side</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Per trade, the chain that led to it: the setup, the question and the answer, the gate's and
    /// the risk manager's verdict, the fills, and how it closed.
    static func tradeChains(_ stats: RunStatistics) -> String {
        guard !stats.trades.isEmpty else { return "" }
        let taken = stats.funnel.episodes.filter(\.taken)
        var html = "<h2>How each trade came about</h2>\n"
        for (index, trade) in stats.trades.enumerated() {
            html += "<div class=\"trade-chain\"><h3>Trade \(index + 1): \(trade.side.name) \(trade.shares) shares, "
            html += "net <span class=\"\(trade.netPL > .zero ? "win" : "loss")\">\(trade.netPL.formatted(decimals: 2))</span></h3><ol>\n"
            if let setup = taken.last(where: { $0.side == trade.side && ($0.answeredAt ?? $0.start) <= trade.openedAt }) {
                html += "<li>\(setup.start.clock) the \(setup.side.name) checklist passes: a setup of \(setup.ticks) ticks, to \(setup.end.clock)</li>\n"
                if let asked = setup.askedAt, let answered = setup.answeredAt {
                    let ms = (answered - asked).nanosecondCount / 1_000_000
                    html += "<li>\(asked.clock) asked; \(answered.clock) answered (\(ms) ms): <code>\(escape(setup.command ?? ""))</code></li>\n"
                }
                if let detail = setup.detail { html += "<li>gate and risk: \(escape(detail))</li>\n" }
            }
            for marker in stats.markers where marker.time >= trade.openedAt && marker.time <= trade.closedAt {
                html += "<li>\(marker.time.clock) fill: \(marker.kind.rawValue) \(escape(marker.role)) @ \(marker.price.display)</li>\n"
            }
            html += "<li>\(trade.closedAt.clock) closed at \(trade.exitPrice.display) (entry \(trade.entryPrice.display))</li></ol></div>\n"
        }
        return html
    }
}
