import Foundation

extension BenchReport {
    /// The report as the table `fsd bench` prints.
    public var text: String {
        func row(_ name: String, _ rate: Throughput) -> String {
            let label = name.padding(toLength: 22, withPad: " ", startingAt: 0)
            return "  " + label
                + String(
                    format: "%8.2f M %8.2f M     %8.2f M %8.2f M", rate.wallMessages / 1e6, rate.wall / 1e6,
                    rate.cpuMessages / 1e6, rate.cpu / 1e6)
        }
        var lines = [
            "\(symbol) \(format) \(data)",
            "\(messages) messages (LOBSTER rows; the peers' events) = \(events) events (deltas and trades), "
                + "\(trades) trades; medians of the runs",
            "                        per wall-clock second      per CPU second (all threads)",
            "                        messages     events        messages     events",
            row("read only", readOnly),
            row("read+book+features", readBookFeatures),
        ]
        // `--reading-only` stops before the rest.
        guard full.wall > 0 else { return lines.joined(separator: "\n") }
        lines += [
            row("full (+ states)", full),
            row("book+features (mem)", bookFeaturesInMemory),
            row("book only (mem)", bookOnlyInMemory),
        ]
        if let backtest { lines.append(row("backtest (rules)", backtest)) }
        lines += [
            "state builds     \(stateBuilds), \(String(format: "%.0f", fullStateBuildsPerSecond)) per wall-clock second "
                + "in the full replay",
            "per event        p50 \(eventP50Ns) ns   p99 \(eventP99Ns) ns",
            "per state build  p50 \(stateP50Ns) ns   p99 \(stateP99Ns) ns   max \(stateMaxNs) ns",
            "(timer overhead, included above: \(timerOverheadNs) ns)",
        ]
        if let backtestLine { lines.append(backtestLine) }
        lines.append(
            "peak memory      \(String(format: "%.1f", peakMemoryStreamingMB)) MiB streaming, "
                + (peakMemoryBacktestMB.map { String(format: "%.1f", $0) + " MiB after the backtests, " } ?? "")
                + "\(String(format: "%.1f", peakMemoryMB)) MiB with every event in memory")
        return lines.joined(separator: "\n")
    }

    /// The backtest row's day: what ran, how long it took, the per-tick latency.
    private var backtestLine: String? {
        guard let wall = backtestWallSeconds, let ticks = backtestTicks else { return nil }
        func micros(_ nanos: Int64?) -> String { nanos.map { String(format: "%.2f µs", Double($0) / 1000) } ?? "-" }
        return "backtest         \(backtestStrategy ?? "") --model rules: \(String(format: "%.3f", wall)) s for the day, "
            + "\(ticks) ticks, \(backtestTrades ?? 0) trades; per tick p50 \(micros(backtestTickP50Ns)) "
            + "p99 \(micros(backtestTickP99Ns))"
    }
}
