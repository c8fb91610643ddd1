import MarketData

/// A shared horizontal axis over a run's window: data time to SVG x, and the clock labels under it.
struct TimeAxis {
    let start: Timestamp
    let end: Timestamp
    /// Where the plotting area begins and how wide it is, in SVG units.
    let left: Double
    let width: Double

    init(start: Timestamp, end: Timestamp, left: Double, width: Double) {
        self.start = start
        self.end = end > start ? end : start + .seconds(1)
        self.left = left
        self.width = width
    }

    func x(_ time: Timestamp) -> Double {
        left + Double((time - start).nanosecondCount) / Double((end - start).nanosecondCount) * width
    }

    /// Clock labels every 1, 5, 10, 15, 30 or 60 minutes, whichever gives at most ten.
    func labels(y: Double) -> String {
        let minutes = Double((end - start).nanosecondCount) / 60e9
        let step = [1.0, 5, 10, 15, 30, 60].first { minutes / $0 <= 10 } ?? 60
        let stepNanos = Int64(step * 60e9)
        var time = Timestamp(nanos: (start.nanos / stepNanos + 1) * stepNanos)
        var svg = ""
        while time < end {
            let at = SVG.number(x(time))
            svg += "<line x1=\"\(at)\" x2=\"\(at)\" y1=\"0\" y2=\"\(SVG.number(y - 12))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(at)\" y=\"\(SVG.number(y))\" font-size=\"10\" fill=\"#666\" text-anchor=\"middle\">\(time.clock.prefix(5))</text>\n"
            time = time + .nanoseconds(stepNanos)
        }
        return svg
    }
}

/// Small helpers for writing SVG by hand.
enum SVG {
    /// A coordinate with one decimal at most: compact and exact enough for a screen.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// A number for an axis label: two decimals, or none for large values.
    static func label(_ value: Double) -> String {
        abs(value) >= 1000 ? String(Int(value.rounded())) : String(Int((value * 100).rounded())).withTwoDecimals
    }
}

extension String {
    /// `12345` (hundredths) as `123.45`.
    fileprivate var withTwoDecimals: String {
        guard let value = Int(self) else { return self }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
