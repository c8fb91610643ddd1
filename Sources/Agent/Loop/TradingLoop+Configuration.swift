public import MarketData
public import Strategy

extension TradingLoop {
    /// How a run is set up: what differs between a backtest, a paced replay and a live session.
    /// Everything else (journal recovery, model dispatch, hot reload, the stop) is the loop's own.
    public struct Configuration {
        /// Journaled in the session record; a backtest samples its equity line more sparsely.
        public var mode: RunMode
        /// Where "now" comes from.
        public var timing: Timing
        /// When a model's answer reaches the gate.
        public var latency: LatencyPolicy
        /// Where the journal goes and whether the day so far is read back from it first.
        public var journal: JournalPolicy
        /// The account whose day the journal keeps.
        public var account: String
        /// For RVOL_DAY; nil leaves it null.
        public var averageDailyVolume: Int64?
        /// Trading starts here; earlier events only warm up the analytics (nil: the session open).
        public var from: Timestamp?
        /// The run stops here, flattening (nil: when the venue's events end).
        public var until: Timestamp?
        /// The stop record's reason when `until` is reached.
        public var untilReason: String
        /// How often a tick is journaled (ticks are sampled).
        public var tickJournalInterval: Duration
        /// The strategy file to watch for edits (hot reload), with the text it was loaded from.
        public var reload: (path: String, text: String)?
        /// The `--set` overrides applied to every reloaded version too.
        public var overrides: [StrategyOverride] = []
        /// Set from a signal handler (Ctrl-C) to stop cleanly.
        public var stopRequest: StopRequest?
        /// A live venue's wait for the flatten's fills after a stop, on the wall clock.
        public var flattenTimeout: Duration
        /// Messages for the person running it (journal recovery, reloads, warnings).
        public var output: (String) -> Void
        /// Called after every turn with the agent and the session time: the live view, a progress bar.
        public var observer: ((AgentCore, Timestamp) -> Void)?

        public init(
            mode: RunMode, timing: Timing, latency: LatencyPolicy, journal: JournalPolicy, account: String,
            averageDailyVolume: Int64? = nil, from: Timestamp? = nil, until: Timestamp? = nil,
            untilReason: String = "end of the --to window", tickJournalInterval: Duration = .seconds(1),
            reload: (path: String, text: String)? = nil, stopRequest: StopRequest? = nil,
            flattenTimeout: Duration = .seconds(20), output: @escaping (String) -> Void = { _ in },
            observer: ((AgentCore, Timestamp) -> Void)? = nil
        ) {
            self.mode = mode
            self.timing = timing
            self.latency = latency
            self.journal = journal
            self.account = account
            self.averageDailyVolume = averageDailyVolume
            self.from = from
            self.until = until
            self.untilReason = untilReason
            self.tickJournalInterval = tickJournalInterval
            self.reload = reload
            self.stopRequest = stopRequest
            self.flattenTimeout = flattenTimeout
            self.output = output
            self.observer = observer
        }
    }

    /// Where the loop's "now" comes from.
    public enum Timing {
        /// The data's own time: the next event or tick is always due, nothing waits (a backtest, a
        /// replay at `--speed 0`).
        case simulated
        /// The data's time played against the wall clock at `speed` data seconds per wall second.
        case paced(speed: Double)
        /// A live clock (the exchange's wall time); events are stamped no earlier than the last tick.
        case wall(any Clock)
    }

    /// When a model's answer reaches the gate.
    public enum LatencyPolicy: Sendable, Equatable {
        /// The data clock waits for the model, then the answer arrives as late as it took (a
        /// backtest with a model).
        case measured
        /// Every answer arrives this long after its question, whatever it took.
        case fixed(Duration)
        /// Answers arrive when they arrive, while the loop goes on (a paced replay, a live session).
        case realTime
    }

    /// Where the journal goes.
    public enum JournalPolicy: Sendable {
        /// No journal.
        case none
        /// A new journal (an existing file is replaced), written in buffered blocks: a backtest.
        case fresh(path: String)
        /// The day's journal: read back first (a restart resumes where it stopped, a halt stays in
        /// force), then appended to and flushed per line.
        case resume(path: String)
    }
}
