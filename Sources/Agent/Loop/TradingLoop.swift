import Foundation
import MarketData
public import Strategy

/// The one trading loop: a backtest, a paced replay and a live session are this loop with another
/// `Configuration` (timing, latency policy, journal) and another `TradingVenue`.
///
/// It reads the journal back, builds the `AgentCore`, then interleaves in time order the venue's
/// events, the ticks of the strategy's loop rate and the model's answers; it dispatches questions
/// to the `Decider`, swaps in an edited strategy file, stops on request, flattens through the venue
/// and journals the end.
public final class TradingLoop {
    public let configuration: Configuration
    public let venue: any TradingVenue
    let decider: Decider
    let initialStrategy: CompiledStrategy
    /// The agent, once `run` has built it.
    public private(set) var core: AgentCore?
    /// An answer due at a simulated time (the `measured` and `fixed` latency policies).
    var pending: (answer: ModelAnswer, at: Timestamp)?
    /// Answers from model tasks (the `realTime` policy).
    let answers = AnswerInbox()
    var modelTask: Task<Void, Never>?
    /// The last tick's time: a live event is never stamped before it.
    var floor = Timestamp(nanos: 0)
    /// Per-tick decision path times, nanoseconds (the model's own time excluded).
    var tickNanos: [Int64] = []
    var watcher: FileWatcher?
    /// The files the strategy `extends:`: an edit to one reloads the strategy too.
    var baseWatchers: [FileWatcher] = []
    var lastReloadPoll = ContinuousClock.now

    public init(configuration: Configuration, venue: any TradingVenue, strategy: CompiledStrategy, decider: Decider) {
        self.configuration = configuration
        self.venue = venue
        self.initialStrategy = strategy
        self.decider = decider
    }

    /// Runs until the venue's events end, `until`, or a stop request; always ends flattened (or
    /// says it could not) and journaled.
    /// - Throws: `ReplayError` for unreadable data, `JournalError` when the journal cannot be read
    ///   back or written.
    public func run() async throws -> RunResult {
        let wallStart = monotonicNanos()
        let (core, journal, start) = try prepare()
        self.core = core
        defer { venue.close() }
        tickNanos.reserveCapacity(150_000)
        if let reload = configuration.reload {
            watcher = FileWatcher(path: reload.path, contents: reload.text)
            baseWatchers = Self.watchers(of: initialStrategy)
        }
        let reason: String
        switch configuration.timing {
        case .simulated: reason = try await runSimulated(core, start: start)
        case .paced(let speed):
            let pacer = try pacedClock(core, speed: speed)
            reason = try await runClocked(core, clock: pacer, pacer: pacer)
        case .wall(let clock): reason = try await runClocked(core, clock: clock, pacer: nil)
        }
        modelTask?.cancel()
        if let failure = core.journalFailure {
            configuration.output("JOURNAL FAILED: \(failure)\nno new entries; cancelling every order and flattening")
        }
        let stoppedAt = await flatten(core, reason: reason, start: start)
        var closeFailure: JournalError?
        do { try journal?.close() } catch { closeFailure = error }
        if let failure = core.journalFailure ?? closeFailure {
            // Never lose what the journal could not take: the lines go to the run's output.
            if let journal, !journal.unwrittenLines.isEmpty {
                let lines = journal.unwrittenLines
                configuration.output(
                    "journal: \(lines.count) record(s) could not be written to \(journal.path); they follow, in order:\n"
                        + lines.joined(separator: "\n"))
            }
            throw failure
        }
        return RunResult(
            core: core, start: start, stoppedAt: stoppedAt, stopReason: reason, tickNanos: tickNanos,
            wallSeconds: Double(monotonicNanos() - wallStart) / 1e9)
    }

    /// Reads the journal back, opens it for writing, builds the agent and replays the day so far
    /// into the analytics (a restart continues where the journal ends).
    private func prepare() throws -> (AgentCore, JournalWriter?, Timestamp) {
        let session = venue.sessionDate
        var recovered: RecoveredDay?
        let journal: JournalWriter?
        switch configuration.journal {
        case .none:
            journal = nil
        case .fresh(let path):
            JournalCheckpoint.remove(journal: path)
            journal = try JournalWriter(path: path, flush: .buffered, truncate: true)
        case .resume(let path):
            let day = try JournalReader.recover(path: path, account: configuration.account, session: session.description, repair: true)
            if let tail = day.corruptTail {
                configuration.output("journal: the last line was cut by a crash and was removed: \(tail.prefix(120))")
            }
            if let lost = day.lostTail { configuration.output("journal: WARNING: \(lost)") }
            if !day.isEmpty { configuration.output("journal: \(day.summary)") }
            recovered = day
            let writer = try JournalWriter(path: path, flush: .perLine, checkpoint: configuration.account)
            writer.snapshotSequence = day.lastSequence
            journal = writer
        }
        let settings = AgentSettings(
            account: configuration.account, symbol: venue.symbol, session: session, mode: configuration.mode, broker: venue.name,
            modelDescription: decider.description, rulesOnly: decider.isRules, tickJournalInterval: configuration.tickJournalInterval)
        var start = configuration.from ?? initialStrategy.definition.features.sessionOpen
        if let resumeAt = recovered?.lastTime { start = max(start, resumeAt) }
        if case .wall(let clock) = configuration.timing { start = max(start, clock.now()) }
        let core = AgentCore(
            settings: settings, strategy: initialStrategy, broker: venue.broker, journal: journal, recovered: recovered,
            averageDailyVolume: configuration.averageDailyVolume, startAt: start)
        core.updateEntryBlock(venue.entryBlock(), at: start)
        if let resumeAt = recovered?.lastTime {
            // The day so far only warms up the analytics and the simulated book; then the restored
            // orders go back to the venue.
            while let event = try venue.peek(), event.time <= resumeAt {
                venue.take()
                core.apply(event)
            }
            core.resume(at: start)
            configuration.output("resuming at \(resumeAt.clock)")
        }
        return (core, journal, start)
    }

    /// Watchers of a strategy's base files, from their contents now.
    static func watchers(of strategy: CompiledStrategy) -> [FileWatcher] {
        strategy.definition.baseFiles.map { path in
            FileWatcher(path: path, contents: FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }

    /// A paced replay's clock: the data time of the next event (or tick) maps to now.
    private func pacedClock(_ core: AgentCore, speed: Double) throws -> ReplayPacer {
        let origin = try venue.peek()?.time ?? core.nextTick
        return ReplayPacer(origin: max(origin, core.nextTick - .milliseconds(1)), speed: speed)
    }
}
