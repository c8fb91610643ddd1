import Execution
public import MarketData
public import Strategy

/// Runs the loop over a recorded session on simulated time, as fast as the machine allows. Events,
/// ticks and model answers are interleaved in data-time order; a model's latency (measured, or the
/// `--latency` figure) is charged in data time, so an answer reaches the gate as late as it would
/// live, and the replay does not ask again while one is in flight.
public struct BacktestRunner {
    /// What to replay and how.
    public struct Configuration: Sendable {
        public var dataPath: String
        /// Trading starts here; earlier events only warm up the analytics (nil: the data's start).
        public var from: Timestamp?
        /// The run stops here, flattening (nil: the data's end).
        public var to: Timestamp?
        /// Charged per answer instead of the measured latency.
        public var latency: Duration?
        /// Where the journal goes; nil for none.
        public var journalPath: String?
        public var averageDailyVolume: Int64?
        public var exchange: SimulatedExchange.Configuration
        public var account: String
        public var showProgress: Bool

        public init(
            dataPath: String, from: Timestamp? = nil, to: Timestamp? = nil, latency: Duration? = nil, journalPath: String? = nil,
            averageDailyVolume: Int64? = nil, exchange: SimulatedExchange.Configuration = .init(), account: String = "backtest",
            showProgress: Bool = false
        ) {
            self.dataPath = dataPath
            self.from = from
            self.to = to
            self.latency = latency
            self.journalPath = journalPath
            self.averageDailyVolume = averageDailyVolume
            self.exchange = exchange
            self.account = account
            self.showProgress = showProgress
        }
    }

    public let configuration: Configuration
    public let strategy: CompiledStrategy
    public let decider: Decider

    public init(configuration: Configuration, strategy: CompiledStrategy, decider: Decider) {
        self.configuration = configuration
        self.strategy = strategy
        self.decider = decider
    }

    /// Replays the file and returns the summary.
    /// - Throws: `ReplayError` for unreadable data, `JournalError` when the journal cannot be written.
    public func run() async throws -> BacktestSummary {
        let source = try ReplaySource.open(path: configuration.dataPath)
        let exchange = SimulatedExchange(configuration: configuration.exchange)
        let journal = try configuration.journalPath.map { path throws(JournalError) in
            try JournalWriter(path: path, flush: .buffered, truncate: true)
        }
        let settings = AgentSettings(
            account: configuration.account, symbol: source.symbol, session: source.sessionDate, mode: "backtest", broker: "sim",
            modelDescription: decider.description, rulesOnly: decider.isRules, tickJournalInterval: .seconds(60))
        let sessionOpen = strategy.definition.features.sessionOpen
        let start = configuration.from ?? sessionOpen
        let core = AgentCore(
            settings: settings, strategy: strategy, broker: exchange, exchange: exchange, journal: journal, recovered: nil,
            averageDailyVolume: configuration.averageDailyVolume, startAt: start)
        let end = configuration.to ?? strategy.definition.features.sessionClose
        var progress = ProgressBar(from: start, to: end, enabled: configuration.showProgress)
        var tickNanos: [Int64] = []
        tickNanos.reserveCapacity(150_000)
        var pending: (answer: ModelAnswer, at: Timestamp)?
        var lastTime = start
        let wallStart = monotonicNanos()
        var trading = false

        while let event = try source.next() {
            if event.time > end { break }
            if event.time >= start {
                if !trading {
                    trading = true
                }
                // Everything due before this event happens first, in time order; an event at
                // exactly a tick's time belongs to that tick's state.
                while true {
                    let tickDue = core.nextTick
                    if let due = pending, due.at <= tickDue, due.at < event.time {
                        pending = nil
                        core.answer(due.answer, at: due.at)
                        continue
                    }
                    guard tickDue < event.time, tickDue <= end else { break }
                    let begin = monotonicNanos()
                    if let question = core.tick(at: tickDue) {
                        if let immediate = decider.immediate(question, strategy: core.strategy) {
                            let charged = configuration.latency ?? .zero
                            if charged == .zero {
                                core.answer(immediate, at: tickDue)
                            } else {
                                var answer = immediate
                                answer.latency = charged
                                pending = (answer, tickDue + charged)
                            }
                        } else {
                            tickNanos.append(monotonicNanos() - begin)
                            var answer = await decider.ask(question, strategy: core.strategy)
                            if let charged = configuration.latency { answer.latency = charged }
                            pending = (answer, tickDue + answer.latency)
                            continue
                        }
                    }
                    tickNanos.append(monotonicNanos() - begin)
                    if core.statistics.ticks & 255 == 0 { progress.update(tickDue, trades: core.statistics.trades.count) }
                }
            }
            core.apply(event)
            lastTime = event.time
            if let failure = core.journalFailure { throw failure }
        }
        if let due = pending, due.at <= lastTime { core.answer(due.answer, at: due.at) }
        let stoppedAt = core.stop(reason: configuration.to == nil ? "end of data" : "end of the --to window", at: max(lastTime, start))
        let wallSeconds = Double(monotonicNanos() - wallStart) / 1e9
        progress.finish()
        try journal?.close()
        if let failure = core.journalFailure { throw failure }

        var summary = BacktestSummary(
            strategyName: strategy.definition.name, strategyHash: strategy.definition.sourceHash, symbol: source.symbol,
            dataPath: configuration.dataPath, model: decider.description,
            latencyCharged: configuration.latency.map { "\($0.nanosecondCount / 1_000_000) ms per answer (--latency)" }
                ?? (decider.isRules ? "none (rules answer at once)" : "as measured"))
        summary.date = source.sessionDate
        summary.from = start
        summary.to = min(end, stoppedAt)
        summary.statistics = core.statistics
        let account = core.execution.account
        summary.realizedPL = account.realizedPL
        summary.commissions = account.commissions
        summary.finalPL = account.dailyPL
        summary.wallSeconds = wallSeconds
        let tickPercentiles = RunStatistics.percentiles(tickNanos, [50, 99])
        summary.tickP50 = tickPercentiles?[0]
        summary.tickP99 = tickPercentiles?[1]
        summary.tickMax = tickNanos.max()
        summary.journalPath = configuration.journalPath
        summary.halted = core.execution.halt?.reason
        return summary
    }
}
