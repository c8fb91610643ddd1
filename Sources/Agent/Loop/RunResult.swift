public import MarketData

/// What one run of the `TradingLoop` leaves: the agent as it ended, when and why it stopped, and
/// how fast it went.
public struct RunResult {
    public let core: AgentCore
    /// Trading started here (earlier events only warmed up the analytics).
    public let start: Timestamp
    public let stoppedAt: Timestamp
    public let stopReason: String
    /// Per-tick decision path times, nanoseconds.
    public let tickNanos: [Int64]
    public let wallSeconds: Double

    /// The summary a backtest or a run prints (`title` `Backtest` or `Run`).
    /// - Parameters:
    ///   - dataPath: the replay file, or what labels a live source.
    ///   - latencyCharged: how answers were timed, said plainly.
    public func summary(title: String, dataPath: String, latencyCharged: String, journalPath: String?) -> BacktestSummary {
        let definition = core.strategy.definition
        var summary = BacktestSummary(
            strategyName: definition.name, strategyHash: definition.sourceHash, symbol: core.settings.symbol, dataPath: dataPath,
            model: core.settings.modelDescription, latencyCharged: latencyCharged)
        summary.title = title
        summary.overrides = definition.overrides
        summary.date = core.settings.session
        summary.from = start
        summary.to = stoppedAt
        summary.statistics = core.statistics
        let account = core.execution.account
        summary.realizedPL = account.realizedPL
        summary.commissions = account.commissions
        summary.finalPL = account.dailyPL
        summary.wallSeconds = wallSeconds
        let percentiles = RunStatistics.percentiles(tickNanos, [50, 99])
        summary.tickP50 = percentiles?[0]
        summary.tickP99 = percentiles?[1]
        summary.tickMax = tickNanos.max()
        summary.journalPath = journalPath
        summary.halted = core.execution.halt?.reason
        return summary
    }
}
