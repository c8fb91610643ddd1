public import Execution
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

    /// Replays the file through the one `TradingLoop` on simulated time and returns the summary.
    /// - Throws: `ReplayError` for unreadable data, `JournalError` when the journal cannot be written.
    public func run() async throws -> BacktestSummary {
        let venue = try SimulatedVenue(path: configuration.dataPath, exchange: configuration.exchange)
        let start = configuration.from ?? strategy.definition.features.sessionOpen
        let end = configuration.to ?? strategy.definition.features.sessionClose
        var progress = ProgressBar(from: start, to: end, enabled: configuration.showProgress)
        var ticks = 0
        let latency: TradingLoop.LatencyPolicy =
            if let charged = configuration.latency { .fixed(charged) } else { decider.isRules ? .fixed(.zero) : .measured }
        let loop = TradingLoop(
            configuration: .init(
                mode: .backtest, timing: .simulated, latency: latency,
                journal: configuration.journalPath.map { .fresh(path: $0) } ?? .none, account: configuration.account,
                averageDailyVolume: configuration.averageDailyVolume, from: start, until: end,
                untilReason: configuration.to == nil ? "end of data" : "end of the --to window", tickJournalInterval: .seconds(60),
                observer: configuration.showProgress
                    ? { core, time in
                        ticks &+= 1
                        if ticks & 255 == 0 { progress.update(time, trades: core.statistics.trades.count) }
                    } : nil),
            venue: venue, strategy: strategy, decider: decider)
        let result = try await loop.run()
        progress.finish()
        var summary = result.summary(
            title: "Backtest", dataPath: configuration.dataPath,
            latencyCharged: configuration.latency.map { "\($0.nanosecondCount / 1_000_000) ms per answer (--latency)" }
                ?? (decider.isRules ? "none (rules answer at once)" : "as measured"),
            journalPath: configuration.journalPath)
        // Stopped by --to, the window is the one asked for, not the time of its last event.
        summary.to = configuration.to != nil && result.stopReason == "end of the --to window" ? end : min(end, result.stoppedAt)
        return summary
    }
}
