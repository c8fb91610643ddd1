public import MarketData
import Strategy

/// The end of a backtest (or a finished run): what happened and how fast, as text for people and
/// JSON for scripts (`fsd backtest --json`).
public struct BacktestSummary: Sendable {
    public var strategyName: String
    public var strategyHash: String
    /// The `--set` overrides the strategy ran with.
    public var overrides: [String] = []
    /// `--set a=1 --set b=2`, as typed.
    public var overridesText: String { overrides.map { "--set \($0)" }.joined(separator: " ") }
    public var symbol: String
    public var date: SessionDate?
    public var dataPath: String
    /// How decisions were made, said plainly: `rules (the compiled checklist decides alone)`.
    public var model: String
    /// `measured` or the `--latency` figure charged per answer.
    public var latencyCharged: String
    public var from: Timestamp?
    public var to: Timestamp?
    public var realizedPL: Money = .zero
    public var commissions: Money = .zero
    /// Realized after commissions plus what was open at the end (flattened by then in a backtest).
    public var finalPL: Money = .zero
    public var statistics = RunStatistics()
    /// Wall-clock seconds the replay took.
    public var wallSeconds: Double = 0
    /// Per-tick decision path (state, checklist, exits, gate) latency percentiles, nanoseconds.
    public var tickP50: Int64?
    public var tickP99: Int64?
    public var tickMax: Int64?
    public var journalPath: String?
    public var halted: String?
    /// `Backtest` or `Run`, the summary's first word.
    public var title = "Backtest"
    /// The data's venue coverage and the average daily volume RVOL_DAY used; nil when not known.
    public var dataset: BacktestDataset?

    public init(strategyName: String, strategyHash: String, symbol: String, dataPath: String, model: String, latencyCharged: String) {
        self.strategyName = strategyName
        self.strategyHash = strategyHash
        self.symbol = symbol
        self.dataPath = dataPath
        self.model = model
        self.latencyCharged = latencyCharged
    }

    public var eventsPerSecond: Double {
        wallSeconds > 0 ? Double(statistics.events) / wallSeconds : 0
    }

    private static func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = String(rounded)
        guard places > 0, let dot = text.firstIndex(of: ".") else { return text }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= places ? text : text + String(repeating: "0", count: places - decimals)
    }

    private static func micros(_ nanos: Int64?) -> String {
        nanos.map { fixed(Double($0) / 1000, 2) + " µs" } ?? "n/a"
    }

    /// `10:10` on a whole minute, `10:09:59` otherwise: a window never looks a minute shorter than it was.
    static func minuteOrSecond(_ time: Timestamp) -> String {
        let clock = time.clock
        return clock.hasSuffix(":00.000") ? String(clock.prefix(5)) : String(clock.prefix(8))
    }

    /// A backtest's speed is its throughput; a run waits for its data, so only what it handled and
    /// the decision path's cost mean anything there.
    private var speedLine: String {
        let stats = statistics
        let ticks = tickP50 == nil
            ? "" : "; decision path per tick p50 \(Self.micros(tickP50)), p99 \(Self.micros(tickP99)), max \(Self.micros(tickMax))"
        guard title == "Backtest" else {
            return "Handled: \(stats.events) events, \(stats.ticks) ticks over \(Self.fixed(wallSeconds, 1)) s" + ticks
        }
        return "Speed: \(stats.events) events, \(stats.ticks) ticks in \(Self.fixed(wallSeconds, 3)) s = "
            + "\(Self.fixed(eventsPerSecond / 1e6, 2)) M events/s" + ticks
    }

    /// A rate of no trades is no figure at all.
    private var winRate: String {
        statistics.trades.isEmpty ? "n/a" : Self.fixed(statistics.winRate * 100, 1) + "%"
    }

    /// The summary as lines of text.
    public var text: String {
        let stats = statistics
        let window = "\(from.map(Self.minuteOrSecond) ?? "start")–\(to.map(Self.minuteOrSecond) ?? "end")"
        var lines: [String] = []
        lines.append("\(title) \(symbol) \(date.map { "\($0)" } ?? "") \(window), strategy \(strategyName) (\(strategyHash.prefix(12)))")
        if !overrides.isEmpty { lines.append("Overrides: " + overridesText) }
        lines.append("Model: \(model); latency charged: \(latencyCharged)")
        if let dataset { lines.append(dataset.line) }
        if let halted { lines.append("HALTED: \(halted)") }
        lines.append(stats.funnel.why)
        lines.append(
            "Trades \(stats.trades.count), wins \(stats.wins), win rate \(winRate), "
                + "P&L after commissions \(finalPL.formatted(decimals: 2)) (realized \(realizedPL.formatted(decimals: 2)), "
                + "commissions \(commissions.formatted(decimals: 2))), max drawdown \(stats.maxDrawdown.formatted(decimals: 2))")
        let verdicts = GateVerdict.Kind.allCases.map { "\($0.rawValue) \(stats.verdicts[$0] ?? 0)" }.joined(separator: ", ")
        lines.append(
            "Decisions: \(verdicts); compiled exits fired \(stats.exitsFired); refused by risk \(stats.ordersRefusedByRisk); "
                + "setups lost to latency \(stats.setupsLostToLatency); model requests cancelled \(stats.modelCancelled)")
        lines.append("Agreement (model × checklist at arrival, stale answers apart): \(stats.matrix.agreements) of \(stats.matrix.total) agree; "
            + "model entries the arrival checklist does not pass \(stats.matrix.modelEntriesRefused), setups declined \(stats.matrix.setupsDeclined)")
        lines.append(contentsOf: stats.matrix.table().map { "  " + $0 })
        lines.append(contentsOf: stats.funnel.table())
        if stats.modelLatencies.isEmpty {
            lines.append("Model latency: no model requests")
        } else {
            let p = [50.0, 90, 99, 100].map { "p\(Int($0)) \(Self.fixed(stats.latencyPercentile($0) ?? 0, 1)) ms" }
            lines.append("Model latency (\(stats.modelLatencies.count) answers): " + p.joined(separator: ", "))
            if !stats.thinkBudgetSpent.isEmpty {
                let forced = stats.thinkBudgetSpent[.forceAnswer] ?? 0
                let waited = stats.thinkBudgetSpent[.wait] ?? 0
                lines.append("Think budget spent by \(forced + waited) answers: \(forced) forced to answer, \(waited) made WAIT")
            }
        }
        lines.append(speedLine)
        if let journalPath { lines.append("Journal: \(journalPath)") }
        return lines.joined(separator: "\n")
    }

    /// The summary as one JSON object.
    public var json: String {
        let stats = statistics
        var object = JSONLine()
        object.field("strategy", strategyName)
        object.field("strategy_hash", strategyHash)
        object.field("overrides", strings: overrides)
        object.field("symbol", symbol)
        object.field("date", date.map { "\($0)" })
        object.field("data", dataPath)
        if let dataset { object.field("dataset", object: dataset.jsonObject) }
        object.field("model", model)
        object.field("latency_charged", latencyCharged)
        object.field("from", from?.clock)
        object.field("to", to?.clock)
        object.field("halted", halted)
        object.field("trades", stats.trades.count)
        object.field("wins", stats.wins)
        object.field("win_rate", stats.trades.isEmpty ? nil : stats.winRate)
        object.field("pl_after_commissions", price: finalPL)
        object.field("realized_pl", price: realizedPL)
        object.field("commissions", price: commissions)
        object.field("max_drawdown", price: stats.maxDrawdown)
        var verdicts = JSONLine()
        for kind in GateVerdict.Kind.allCases { verdicts.field(kind.rawValue, stats.verdicts[kind] ?? 0) }
        object.field("decisions", object: verdicts)
        object.field("exits_fired", stats.exitsFired)
        object.field("refused_by_risk", stats.ordersRefusedByRisk)
        object.field("setups_lost_to_latency", stats.setupsLostToLatency)
        object.field("model_cancelled", stats.modelCancelled)
        var budget = JSONLine()
        for action in ThinkBudget.Exhausted.allCases { budget.field(action.rawValue, stats.thinkBudgetSpent[action] ?? 0) }
        object.field("think_budget_spent", object: budget)
        object.field("funnel", object: stats.funnel.jsonObject)
        object.field("agreement_matrix", object: stats.matrix.jsonObject)
        var latency = JSONLine()
        latency.field("answers", stats.modelLatencies.count)
        for p in [50.0, 90, 99, 100] { latency.field("p\(Int(p))", stats.latencyPercentile(p)) }
        object.field("model_latency_ms", object: latency)
        var speed = JSONLine()
        speed.field("events", stats.events)
        speed.field("ticks", stats.ticks)
        speed.field("wall_seconds", wallSeconds)
        speed.field("events_per_second", eventsPerSecond)
        speed.field("tick_p50_ns", tickP50)
        speed.field("tick_p99_ns", tickP99)
        speed.field("tick_max_ns", tickMax)
        object.field("speed", object: speed)
        object.field("journal", journalPath)
        return object.json
    }
}
