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
        let source = try ReplaySource.open(path: configuration.dataPath)
        let session = source.sessionDate
        let recovered = try JournalReader.recover(
            path: configuration.journalPath, account: configuration.account, session: session.description, repair: true)
        if let tail = recovered.corruptTail {
            output("journal: the last line was cut by a crash and was removed: \(tail.prefix(120))")
        }
        if !recovered.isEmpty { output("journal: \(recovered.summary)") }
        let journal = try JournalWriter(path: configuration.journalPath, flush: .perLine)
        let exchange = SimulatedExchange(configuration: configuration.exchange)
        let settings = AgentSettings(
            account: configuration.account, symbol: source.symbol, session: session, mode: "live", broker: "sim",
            modelDescription: decider.description, rulesOnly: decider.isRules)
        let open = strategy.definition.features.sessionOpen
        let core = AgentCore(
            settings: settings, strategy: strategy, broker: exchange, exchange: exchange, journal: journal, recovered: recovered,
            averageDailyVolume: configuration.averageDailyVolume, startAt: max(open, recovered.lastTime ?? open))

        // A restart continues where the journal ends: the day so far only warms up the analytics
        // and the simulated book, then the restored orders go back to the exchange.
        var next = try source.next()
        if let resumeAt = recovered.lastTime {
            while let event = next, event.time <= resumeAt {
                core.apply(event)
                next = try source.next()
            }
            core.resume(at: resumeAt)
            output("resuming the replay at \(resumeAt.clock)")
        }
        let origin = next?.time ?? open
        let clock = ReplayPacer(origin: max(origin, core.nextTick - .milliseconds(1)), speed: configuration.speed)
        let answers = AnswerInbox()
        var watcher = FileWatcher(path: configuration.strategyPath, contents: strategyText)
        var lastPoll = ContinuousClock.now
        var display = LiveDisplay()
        var modelTask: Task<Void, Never>?
        var stopReason = "end of data"
        let fast = configuration.speed <= 0
        let wallStart = monotonicNanos()

        func runTick(_ time: Timestamp) {
            guard let question = core.tick(at: time) else { return }
            if let immediate = decider.immediate(question, strategy: core.strategy) {
                core.answer(immediate, at: time)
                return
            }
            let decider = self.decider
            let strategy = core.strategy
            modelTask = Task {
                let answer = await decider.ask(question, strategy: strategy)
                answers.post(answer)
            }
        }

        while true {
            if let reason = stopRequest.reason {
                stopReason = reason
                break
            }
            let now = fast ? (next.map { min($0.time, core.nextTick) } ?? core.nextTick) : clock.now()
            if let until = configuration.until, now > until {
                stopReason = "reached --until \(until.clock)"
                break
            }
            while let event = next, event.time <= now {
                while core.nextTick < event.time { runTick(core.nextTick) }
                core.apply(event)
                next = try source.next()
            }
            guard next != nil else { break }
            while core.nextTick <= now { runTick(core.nextTick) }
            for answer in answers.take() {
                core.answer(answer, at: now)
            }
            if let failure = core.journalFailure { throw failure }
            let wallNow = ContinuousClock.now
            if wallNow - lastPoll >= .seconds(1) {
                lastPoll = wallNow
                if let text = watcher.poll() {
                    do {
                        let new = try StrategyLoader.compile(source: text, fileName: configuration.strategyPath)
                        core.stageReload(new)
                        output("strategy \(configuration.strategyPath) changed: reloading at the next tick (\(new.definition.sourceHash))")
                    } catch {
                        core.journalRejectedReload(diagnostics: "\(error)", at: now)
                        output("strategy \(configuration.strategyPath) changed but does not compile; still running the previous version:\n\(error)")
                    }
                }
            }
            display.show(
                core, at: now, mode: configuration.view, label: fast ? "max speed" : "×\(configuration.speed)", output: output)
            if !fast {
                let due = min(next?.time ?? core.nextTick, core.nextTick)
                let wait = min(clock.wallDelay(until: due), .milliseconds(20))
                if wait > .zero { try? await Task.sleep(for: wait) }
            } else if core.inFlight != nil && modelTask != nil {
                await Task.yield()
            }
        }
        modelTask?.cancel()
        let lastData = core.engine.lastEventTime ?? open
        let stoppedAt = core.stop(reason: stopReason, at: max(lastData, core.nextTick - .milliseconds(200)))
        try journal.close()
        if let failure = core.journalFailure { throw failure }
        let summary = runSummary(core, symbol: source.symbol, session: session, stoppedAt: stoppedAt, wallStart: wallStart)
        output("stopped: \(stopReason); day P&L \(summary.finalPL.formatted(decimals: 2)), trades \(core.execution.account.dailyTrades)")
        return summary
    }

    /// The summary a run prints and returns when it stops, replayed or live.
    func runSummary(_ core: AgentCore, symbol: String, session: SessionDate, stoppedAt: Timestamp, wallStart: Int64) -> BacktestSummary {
        var summary = BacktestSummary(
            strategyName: core.strategy.definition.name, strategyHash: core.strategy.definition.sourceHash, symbol: symbol,
            dataPath: configuration.dataPath, model: decider.description, latencyCharged: "real (live)")
        summary.title = "Run"
        summary.date = session
        summary.to = stoppedAt
        summary.statistics = core.statistics
        summary.realizedPL = core.execution.account.realizedPL
        summary.commissions = core.execution.account.commissions
        summary.finalPL = core.execution.account.dailyPL
        summary.wallSeconds = Double(monotonicNanos() - wallStart) / 1e9
        summary.journalPath = configuration.journalPath
        summary.halted = core.execution.halt?.reason
        return summary
    }
}
