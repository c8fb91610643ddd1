import Execution
import Foundation
public import MarketData
public import Strategy

/// `fsd run`: the loop against a feed paced by a clock, with a live view, the journal read back at
/// start, strategy hot reload and a clean stop. The replay feed (the bundled session by default)
/// goes through the simulated exchange at `speed` times real time; model questions run in a child
/// task while the loop goes on, and their answers are judged at the moment they arrive.
public final class LiveRunner {
    /// How to run.
    public struct Configuration: Sendable {
        public var dataPath: String
        public var strategyPath: String
        /// Data seconds per wall second; 0 runs as fast as possible.
        public var speed: Double
        public var journalPath: String
        public var account: String
        public var averageDailyVolume: Int64?
        public var exchange: SimulatedExchange.Configuration
        /// `terminal` redraws one screen; `plain` prints log lines; `quiet` prints nothing.
        public var view: ViewMode
        /// Stop (cleanly) at this data time, for tests and `--until`.
        public var until: Timestamp?
        /// The `--set` overrides the strategy was loaded with; a hot reload applies them again.
        public var overrides: [StrategyOverride] = []

        public enum ViewMode: Sendable {
            case terminal
            case plain
            case quiet
        }

        public init(
            dataPath: String, strategyPath: String, speed: Double, journalPath: String, account: String = "sim",
            averageDailyVolume: Int64? = nil, exchange: SimulatedExchange.Configuration = .init(), view: ViewMode,
            until: Timestamp? = nil
        ) {
            self.dataPath = dataPath
            self.strategyPath = strategyPath
            self.speed = speed
            self.journalPath = journalPath
            self.account = account
            self.averageDailyVolume = averageDailyVolume
            self.exchange = exchange
            self.view = view
            self.until = until
        }
    }

    public let configuration: Configuration
    var strategy: CompiledStrategy
    let strategyText: String
    let decider: Decider
    let stopRequest: StopRequest
    let output: @Sendable (String) -> Void

    /// - Parameters:
    ///   - strategyText: the file's text as loaded, where hot reload starts from.
    ///   - stopRequest: set by a signal handler (Ctrl-C) to stop cleanly.
    ///   - output: where the view and log lines go (stdout in `fsd run`).
    public init(
        configuration: Configuration, strategy: CompiledStrategy, strategyText: String, decider: Decider, stopRequest: StopRequest,
        output: @escaping @Sendable (String) -> Void
    ) {
        self.configuration = configuration
        self.strategy = strategy
        self.strategyText = strategyText
        self.decider = decider
        self.stopRequest = stopRequest
        self.output = output
    }

    /// Runs until the data ends, `until`, or a stop request; always ends flat and journaled.
    /// - Returns: the run's summary (the same shape a backtest prints).
    public func run() async throws -> BacktestSummary {
        let venue = try SimulatedVenue(path: configuration.dataPath, exchange: configuration.exchange)
        let fast = configuration.speed <= 0
        let result = try await run(
            venue: venue, timing: fast ? .simulated : .paced(speed: configuration.speed),
            label: fast ? "max speed" : "×\(configuration.speed)")
        let account = result.core.execution.account
        output("stopped: \(result.stopReason); day P&L \(account.dailyPL.formatted(decimals: 2)), trades \(account.dailyTrades)")
        return summary(result)
    }

    /// The one loop over `venue` with this runner's journal, hot reload, view and stop request.
    func run(venue: any TradingVenue, timing: TradingLoop.Timing, label: String, flattenTimeout: Duration = .seconds(20))
        async throws -> RunResult
    {
        var display = LiveDisplay()
        let mode = configuration.view
        let output = self.output
        var loopConfiguration = TradingLoop.Configuration(
            mode: .live, timing: timing, latency: .realTime, journal: .resume(path: configuration.journalPath),
            account: configuration.account, averageDailyVolume: configuration.averageDailyVolume, until: configuration.until,
            untilReason: configuration.until.map { "reached --until \($0.clock)" } ?? "",
            reload: (configuration.strategyPath, strategyText), stopRequest: stopRequest, flattenTimeout: flattenTimeout,
            output: output, observer: { core, now in display.show(core, at: now, mode: mode, label: label, output: output) })
        loopConfiguration.overrides = configuration.overrides
        let loop = TradingLoop(configuration: loopConfiguration, venue: venue, strategy: strategy, decider: decider)
        return try await loop.run()
    }

    func summary(_ result: RunResult) -> BacktestSummary {
        result.summary(title: "Run", dataPath: configuration.dataPath, latencyCharged: "real (live)", journalPath: configuration.journalPath)
    }
}
