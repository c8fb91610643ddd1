/// The same day backtested once per charged latency (`fsd backtest --latency 0,2000,12000`): what a
/// model's speed costs on real data, one row per figure.
public struct LatencyComparison: Sendable {
    public struct Row: Sendable {
        public var latencyMs: Int64
        public var summary: BacktestSummary

        public init(latencyMs: Int64, summary: BacktestSummary) {
            self.latencyMs = latencyMs
            self.summary = summary
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// A heading and a table, the columns right-aligned.
    public var text: String {
        guard let first = rows.first?.summary else { return "no runs" }
        let header = [
            "latency ms", "trades", "P&L after comm.", "accepted", "refused", "stale", "lost to latency", "refused by risk",
        ]
        let body = rows.map { row -> [String] in
            let stats = row.summary.statistics
            return [
                "\(row.latencyMs)", "\(stats.trades.count)", row.summary.finalPL.formatted(decimals: 2),
                "\(stats.verdicts[.accepted] ?? 0)", "\(stats.verdicts[.refused] ?? 0)", "\(stats.verdicts[.stale] ?? 0)",
                "\(stats.setupsLostToLatency)", "\(stats.ordersRefusedByRisk)",
            ]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { String(repeating: " ", count: widths[$0] - cells[$0].count) + cells[$0] }.joined(separator: "  ")
        }
        let window = first.text.split(separator: "\n").first.map(String.init) ?? ""
        var lines = ["Latency comparison — \(window)", "Model: \(first.model)"]
        if let dataset = first.dataset { lines.append(dataset.line) }
        lines.append(line(header))
        lines += body.map(line)
        return lines.joined(separator: "\n")
    }

    /// `{"latency_comparison":[{"latency_ms":0,"summary":{…}},…]}`.
    public var json: String {
        let items = rows.map { "{\"latency_ms\":\($0.latencyMs),\"summary\":\($0.summary.json)}" }
        return "{\"latency_comparison\":[" + items.joined(separator: ",") + "]}"
    }
}
