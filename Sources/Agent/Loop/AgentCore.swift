public import Analytics
import Brain
public import Execution
public import MarketData
public import StateVector
public import Strategy

/// The agent's decisions for one trading day: it turns market events, ticks and model answers into
/// orders through the gate and the risk manager, and journals why.
///
/// A synchronous, single-owner state machine: `TradingLoop` drives it (in a backtest, a paced
/// replay and a live session alike) and is the only caller. It knows the broker only through the
/// `Broker` protocol. Every tick builds the state, applies the compiled exit rules at once and, by
/// the strategy's `consult` policy, asks the model (one question in flight at most). An answer is
/// judged by the `Gate` on the state when it arrives, then by the `RiskManager` inside
/// `ExecutionEngine`.
public final class AgentCore {
    public let settings: AgentSettings
    /// The running strategy (a reload swaps it at a tick boundary).
    public var strategy: CompiledStrategy { rules.compiled }
    /// Held by reference: the strategy is a large value, and the hot path must not copy it per call.
    var rules: StrategyHolder
    // The hot properties skip the runtime's exclusivity checks (a tenth of a backtest's time): the
    // core has one owner, the loop, which never reenters it.
    @exclusivity(unchecked) public internal(set) var engine: FeatureEngine
    public internal(set) var execution: ExecutionEngine
    let broker: any Broker
    let journal: JournalWriter?
    var gate: Gate
    @exclusivity(unchecked) public internal(set) var statistics = RunStatistics()
    /// When the next tick is due.
    public internal(set) var nextTick: Timestamp
    var tickInterval: Duration
    var history: [HistoryEntry] = []
    var previous: StateVector?
    /// The state before `previous`, kept only to reuse its storage at the next tick.
    var spare: StateVector?
    /// The question the model is answering, if any.
    public internal(set) var inFlight: Consultation?
    var nextConsultationID = 1
    /// A question given up at the last tick, for the loop to drop its request.
    var cancelled: Int?
    var pendingReload: CompiledStrategy?
    var trades: TradeTracker
    var lastTickJournal: Timestamp?
    var lastVerdictKey = ""
    var repeatedVerdicts = 0
    /// The first journal write that failed; the runner stops when it is set.
    public internal(set) var journalFailure: JournalError?
    /// The last decision and verdict, for the view.
    public internal(set) var lastDecision: String?
    public internal(set) var lastVerdict: String?
    public internal(set) var lastEvent: String?
    /// The diagnostic of the last strategy edit that did not compile, shown until one does.
    public internal(set) var reloadRejection: String?
    /// Why new entries are refused right now (a live broker not connected and reconciled, a stop
    /// under way); nil lets the gate and risk decide alone. Exits and stops are never blocked.
    public var entryBlock: String?

    /// - Parameters:
    ///   - broker: where orders go (a venue hands market events to a simulator itself).
    ///   - recovered: the day so far, read back from the journal (its halt stays in force).
    ///   - averageDailyVolume: for RVOL_DAY; nil leaves RVOL_DAY null.
    public init(
        settings: AgentSettings, strategy: CompiledStrategy, broker: any Broker,
        journal: JournalWriter?, recovered: RecoveredDay?, averageDailyVolume: Int64?, startAt time: Timestamp
    ) {
        self.settings = settings
        self.rules = StrategyHolder(strategy)
        self.broker = broker
        self.journal = journal
        let definition = strategy.definition
        engine = FeatureEngine(symbol: settings.symbol, parameters: definition.features, averageDailyVolume: averageDailyVolume)
        execution = ExecutionEngine(
            broker: broker, limits: RiskLimits(definition.risk), configuration: Self.orderConfiguration(settings),
            session: settings.session.description, restoring: recovered?.execution)
        gate = Gate(
            maxDecisionAge: .milliseconds(definition.risk.maxDecisionAgeMs), proposer: settings.rulesOnly ? "rules" : "model")
        tickInterval = Self.interval(hz: definition.loopHz)
        nextTick = Self.firstTick(after: time, every: tickInterval)
        trades = TradeTracker(position: recovered?.position ?? 0)
        statistics.sampleEvery = settings.mode == .backtest ? .seconds(10) : .seconds(1)
        statistics.funnel = SetupFunnel(definition)
        write(
            JournalRecords.session(
                account: settings.account, symbol: settings.symbol, date: settings.session.description, mode: settings.mode.rawValue,
                broker: settings.broker, model: settings.modelDescription, strategy: definition.name,
                strategyHash: definition.sourceHash, overrides: definition.overrides, data: nil, at: time))
        if let recovered, !recovered.isEmpty || recovered.corruptTail != nil {
            write(
                LoopJournalRecord.recovered(
                    time: time, summary: recovered.summary, sessions: recovered.sessions, corruptTail: recovered.corruptTail
                ).line)
        }
    }

    static func orderConfiguration(_ settings: AgentSettings) -> OrderManager.Configuration {
        let compactDate = settings.session.description.filter { $0 != "-" }
        return OrderManager.Configuration(session: "\(settings.symbol)-\(compactDate)", entryTimeout: settings.entryTimeout)
    }

    static func interval(hz: Int) -> Duration {
        .nanoseconds(Timestamp.nanosPerSecond / Int64(max(1, hz)))
    }

    /// Ticks sit on a grid from midnight (09:30:00.000, 09:30:00.200, …), so runs line up.
    static func firstTick(after time: Timestamp, every interval: Duration) -> Timestamp {
        let step = max(interval.nanosecondCount, 1)
        return Timestamp(nanos: (time.nanos / step + 1) * step)
    }

    // MARK: Inputs

    /// One market event, to the analytics. The loop runs every tick and delivers every answer due
    /// before `event.time` first, and a simulated venue has handed the event to its exchange.
    @inline(__always)
    public func apply(_ event: TimedEvent) {
        engine.apply(event)
        statistics.events += 1
    }

    /// After a restart: sends the restored working orders to the broker again.
    public func resume(at time: Timestamp) {
        guard !execution.orders.liveOrders.isEmpty else { return }
        record(execution.resume(at: time), at: time)
    }

    /// The question given up since the last call, if any: its request must be closed and its
    /// answer, should one come, dropped.
    public func takeCancelled() -> Int? {
        defer { cancelled = nil }
        return cancelled
    }

    /// Queues a new version of the strategy; it takes over at the next tick.
    public func stageReload(_ strategy: CompiledStrategy) {
        pendingReload = strategy
    }

    /// The current state, built on demand (the view, `fsd state`-like tools).
    public func state(at time: Timestamp) -> StateVector {
        StateVector(market: engine.marketState(at: time), account: execution.accountState, activeOrders: execution.activeOrders, history: history)
    }

    /// Market context for marking and housekeeping, without the reference levels (building their
    /// names costs more than the rest of a tick; only entry and target checks read them).
    func plainContext(_ market: MarketState, at time: Timestamp) -> MarketContext {
        MarketContext(
            time: time, bid: market.bidStack.first?.price, ask: market.askStack.first?.price, lastDataTime: engine.lastEventTime)
    }

    func write(_ line: JSONLine) {
        write(rawLine: line.json)
    }

    /// The execution snapshot, numbered, durable in a live day's journal (`JournalWriter.appendSnapshot`).
    func writeSnapshot(at time: Timestamp) {
        guard let journal else { return }
        do {
            try journal.appendSnapshot(execution.snapshot, at: time)
        } catch {
            journalFailed(error)
        }
    }

    /// Every line goes to the writer even after a failure: it keeps what it could not write, in
    /// order, and writes it all once the disk takes it again.
    func write(rawLine json: String) {
        guard let journal else { return }
        do {
            try journal.append(json: json)
        } catch {
            journalFailed(error)
        }
    }

    /// The first failed write blocks entries at once; the loop then stops, flattening (#14).
    private func journalFailed(_ error: JournalError) {
        guard journalFailure == nil else { return }
        journalFailure = error
        entryBlock = "the journal cannot be written; stopping"
        lastEvent = "JOURNAL FAILED: \(error) — no new entries; flattening and stopping"
    }
}

/// A compiled strategy held by reference.
final class StrategyHolder {
    let compiled: CompiledStrategy

    init(_ compiled: CompiledStrategy) {
        self.compiled = compiled
    }

    /// The checklist's verdict for one side, on the hot path of every tick. Called on the holder,
    /// the strategy is borrowed from it; called as `rules.compiled.entryPasses` from the agent,
    /// Swift copies the whole strategy (and retains everything in it) for each call.
    func entryPasses(_ side: PositionSide, _ state: StateVector, previous: StateVector?) -> Bool {
        compiled.entryPasses(side, state, previous: previous)
    }
}
