import MarketData
import StateVector

extension HTMLReport {
    static let labelWidth = 170.0
    static let plotWidth = 810.0
    static let laneHeight = 16.0

    /// The condition timeline: the price with setups and fills, one shaded row per condition (darker
    /// where it passed on more of the ticks), then the spread and each numeric feature the rules read,
    /// all on one time axis.
    static func timeline(_ stats: RunStatistics) -> String {
        let timeline = stats.funnel.timeline
        guard let origin = timeline.origin, !timeline.ticks.isEmpty else {
            return "<p>No ticks in this run: nothing to draw.</p>\n"
        }
        let end = origin + .nanoseconds(Int64(timeline.ticks.count) * ConditionTimeline.bucket.nanosecondCount)
        let axis = TimeAxis(start: origin, end: end, left: labelWidth, width: plotWidth)
        let columns = Columns(buckets: timeline.ticks.count, width: plotWidth)
        let priceHeight = 150.0
        let setupsTop = priceHeight + 8
        let lanesTop = setupsTop + laneHeight + 6
        let seriesTop = lanesTop + Double(timeline.lanes.count) * laneHeight + 10
        let seriesHeight = 56.0
        let height = seriesTop + Double(timeline.series.count) * (seriesHeight + 8) + 20
        var svg = "<svg id=\"timeline\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 20)) \(Int(height))\" width=\"100%\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Menlo,Consolas,monospace\">\n"
        svg += axis.labels(y: height - 6)
        svg += pricePanel(timeline, columns: columns, axis: axis, markers: stats.markers, height: priceHeight)
        svg += setupLane(stats.funnel.episodes, axis: axis, top: setupsTop, tick: stats.funnel.tick)
        for lane in timeline.lanes.indices {
            svg += conditionLane(timeline, lane: lane, columns: columns, top: lanesTop + Double(lane) * laneHeight)
        }
        for (index, series) in timeline.series.enumerated() {
            // A share of LAST is drawn at the day's last price: the line moves little within a day.
            let limit = series.name == "SPREAD" ? timeline.maxSpread?.dollars(at: timeline.last.last { $0 != nil } ?? nil).dollars : nil
            svg += seriesPanel(
                series, columns: columns, top: seriesTop + Double(index) * (seriesHeight + 8), height: seriesHeight, limit: limit)
        }
        // Fills as thin lines across every row: what the agent did, beside what it saw.
        for marker in stats.markers {
            let x = SVG.number(axis.x(marker.time))
            let color = marker.kind == .buy ? "#0a7d32" : "#c62828"
            svg += "<line class=\"fill-line\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVG.number(setupsTop))\" y2=\"\(SVG.number(height - 18))\" "
            svg += "stroke=\"\(color)\" stroke-opacity=\"0.35\"/>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// Buckets merged into at most one column per SVG unit.
    struct Columns {
        let buckets: Int
        let count: Int
        let perColumn: Int
        let width: Double

        init(buckets: Int, width: Double) {
            self.buckets = buckets
            perColumn = max(1, (buckets + Int(width) - 1) / Int(width))
            count = (buckets + perColumn - 1) / perColumn
            self.width = width / Double(max(count, 1))
        }

        func range(_ column: Int) -> Range<Int> { column * perColumn..<min(buckets, (column + 1) * perColumn) }
        func x(_ column: Int) -> Double { labelWidth + Double(column) * width }
    }

    private static func pricePanel(
        _ timeline: ConditionTimeline, columns: Columns, axis: TimeAxis, markers: [RunStatistics.Marker], height: Double
    ) -> String {
        var closes: [(Int, Double)] = []
        for column in 0..<columns.count {
            if let price = columns.range(column).reversed().lazy.compactMap({ timeline.last[$0] }).first {
                closes.append((column, price.dollars))
            }
        }
        var svg = "<text x=\"4\" y=\"14\" font-size=\"11\" fill=\"#333\">LAST</text>\n"
        guard let low = (closes.map(\.1) + markers.map(\.price.dollars)).min(),
            let high = (closes.map(\.1) + markers.map(\.price.dollars)).max()
        else { return svg }
        let span = max(high - low, 0.01)
        func y(_ value: Double) -> Double { 6 + (high - value) / span * (height - 12) }
        svg += "<text x=\"4\" y=\"30\" font-size=\"10\" fill=\"#666\">\(SVG.label(high))</text>"
        svg += "<text x=\"4\" y=\"\(SVG.number(height - 4))\" font-size=\"10\" fill=\"#666\">\(SVG.label(low))</text>\n"
        let points = closes.map { "\(SVG.number(columns.x($0.0) + columns.width / 2)),\(SVG.number(y($0.1)))" }.joined(separator: " ")
        svg += "<polyline id=\"price-line\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.2\" points=\"\(points)\"/>\n"
        for marker in markers {
            let cx = axis.x(marker.time)
            let cy = y(marker.price.dollars)
            let buy = marker.kind == .buy
            let shape =
                buy
                ? "\(SVG.number(cx)),\(SVG.number(cy)) \(SVG.number(cx - 4)),\(SVG.number(cy + 8)) \(SVG.number(cx + 4)),\(SVG.number(cy + 8))"
                : "\(SVG.number(cx)),\(SVG.number(cy)) \(SVG.number(cx - 4)),\(SVG.number(cy - 8)) \(SVG.number(cx + 4)),\(SVG.number(cy - 8))"
            svg += "<polygon class=\"fill\" points=\"\(shape)\" fill=\"\(buy ? "#0a7d32" : "#c62828")\">"
            svg += "<title>\(marker.time.clock) \(marker.kind.rawValue) \(escape(marker.role)) @ \(marker.price.display)</title></polygon>\n"
        }
        return svg
    }

    private static func setupLane(_ episodes: [SetupEpisode], axis: TimeAxis, top: Double, tick: Duration) -> String {
        var svg = "<text x=\"4\" y=\"\(SVG.number(top + 12))\" font-size=\"11\" fill=\"#333\">setups</text>\n"
        svg += "<rect x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(plotWidth))\" "
        svg += "height=\"\(SVG.number(laneHeight - 2))\" fill=\"#fafafa\"/>\n"
        for episode in episodes {
            let x = axis.x(episode.start)
            let width = max(axis.x(episode.end + tick) - x, 1.5)
            let color = episode.taken ? "#0a7d32" : episode.side == .long ? "#f9a825" : "#8e24aa"
            let outcome = episode.outcome.map { "not taken: \($0.words)" } ?? "taken"
            let detail = episode.detail.map { " — \($0)" } ?? ""
            svg += "<rect class=\"setup\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(width))\" "
            svg += "height=\"\(SVG.number(laneHeight - 2))\" fill=\"\(color)\"><title>\(episode.side.name) setup "
            svg += "\(episode.start.clock)–\(episode.end.clock) (\(episode.ticks) ticks): \(escape(outcome + detail))</title></rect>\n"
        }
        return svg
    }

    private static func conditionLane(_ timeline: ConditionTimeline, lane: Int, columns: Columns, top: Double) -> String {
        let name = timeline.lanes[lane]
        let color = name.hasPrefix("LONG") ? "#1565c0" : "#c62828"
        let passes = timeline.passes[lane]
        let total = passes.reduce(0) { $0 + Int($1) }
        let ticks = timeline.ticks.reduce(0) { $0 + Int($1) }
        let share = ticks == 0 ? 0 : Double(total) / Double(ticks) * 100
        var svg = "<g class=\"lane\"><title>\(escape(name)): \(escape(timeline.rules[lane])) — passed on "
        svg += "\(total.grouped) of \(ticks.grouped) ticks (\(SVG.label(share))%)</title>\n"
        svg += "<text x=\"4\" y=\"\(SVG.number(top + 12))\" font-size=\"11\" fill=\"#333\">\(escape(name))</text>\n"
        svg += "<rect x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(plotWidth))\" "
        svg += "height=\"\(SVG.number(laneHeight - 2))\" fill=\"#f4f4f4\"/>\n"
        // Runs of columns with the same shade (eight levels) are one rectangle.
        var column = 0
        while column < columns.count {
            let level = shade(passes, timeline.ticks, columns.range(column))
            var next = column + 1
            while next < columns.count, shade(passes, timeline.ticks, columns.range(next)) == level { next += 1 }
            if level > 0 {
                svg += "<rect x=\"\(SVG.number(columns.x(column)))\" y=\"\(SVG.number(top))\" "
                svg += "width=\"\(SVG.number(Double(next - column) * columns.width))\" height=\"\(SVG.number(laneHeight - 2))\" "
                svg += "fill=\"\(color)\" fill-opacity=\"\(SVG.number(Double(level) / 8))\"/>\n"
            }
            column = next
        }
        return svg + "</g>\n"
    }

    /// 0 (never passed) to 8 (passed on every tick) over the buckets of a column.
    private static func shade(_ passes: [UInt16], _ ticks: [UInt16], _ range: Range<Int>) -> Int {
        var passed = 0
        var total = 0
        for bucket in range {
            passed += Int(passes[bucket])
            total += Int(ticks[bucket])
        }
        guard total > 0, passed > 0 else { return 0 }
        return max(1, Int((Double(passed) / Double(total) * 8).rounded()))
    }

    private static func seriesPanel(
        _ series: ConditionTimeline.Series, columns: Columns, top: Double, height: Double, limit: Double?
    ) -> String {
        var means: [(Int, Double)] = []
        for column in 0..<columns.count {
            var sum = 0.0
            var count = 0
            for bucket in columns.range(column) where series.counts[bucket] > 0 {
                sum += series.sums[bucket]
                count += Int(series.counts[bucket])
            }
            if count > 0 { means.append((column, sum / Double(count))) }
        }
        var svg = "<g class=\"series\"><text x=\"4\" y=\"\(SVG.number(top + 12))\" font-size=\"11\" fill=\"#333\">\(escape(series.name))</text>\n"
        svg += "<rect x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(plotWidth))\" "
        svg += "height=\"\(SVG.number(height))\" fill=\"#fbfbfb\" stroke=\"#eee\"/>\n"
        // A few spikes (an imbalance of 300 on an empty side) would flatten the rest: the scale
        // spans the 1st to 99th percentile of the columns, and what lies beyond is drawn at the edge.
        let sorted = means.map(\.1).sorted()
        guard !sorted.isEmpty else { return svg + "</g>\n" }
        let clipped = sorted.count >= 100
        var low = clipped ? sorted[sorted.count / 100] : sorted[0]
        var high = clipped ? sorted[sorted.count - 1 - sorted.count / 100] : sorted[sorted.count - 1]
        if let limit {
            low = min(low, limit)
            high = max(high, limit)
        }
        let span = high - low > 0 ? high - low : 1
        func y(_ value: Double) -> Double { top + 4 + (high - min(max(value, low), high)) / span * (height - 8) }
        let (top99, bottom1) = clipped ? ("p99 ", "p1 ") : ("max ", "min ")
        svg += "<text x=\"4\" y=\"\(SVG.number(top + 26))\" font-size=\"10\" fill=\"#666\">\(top99)\(SVG.label(high))</text>"
        svg += "<text x=\"4\" y=\"\(SVG.number(top + height - 2))\" font-size=\"10\" fill=\"#666\">\(bottom1)\(SVG.label(low))</text>\n"
        if let limit {
            let at = SVG.number(y(limit))
            svg += "<line x1=\"\(SVG.number(labelWidth))\" x2=\"\(SVG.number(labelWidth + plotWidth))\" y1=\"\(at)\" y2=\"\(at)\" "
            svg += "stroke=\"#c62828\" stroke-dasharray=\"4 3\"><title>max_spread \(SVG.label(limit))</title></line>\n"
        }
        let points = means.map { "\(SVG.number(columns.x($0.0) + columns.width / 2)),\(SVG.number(y($0.1)))" }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#455a64\" stroke-width=\"1\" points=\"\(points)\"/>\n"
        return svg + "</g>\n"
    }
}
