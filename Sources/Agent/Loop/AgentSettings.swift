public import MarketData

/// How one run of the loop is set up, apart from the strategy.
public struct AgentSettings: Sendable {
    /// The account whose day the journal keeps (`sim` for the simulated exchange).
    public var account: String
    public var symbol: String
    /// The trading date; the journal and snapshots are per date.
    public var session: SessionDate
    /// Written in the journal's session record; a backtest samples its equity line more sparsely.
    public var mode: RunMode
    /// The venue's name in the journal: `sim`, `ibkr`.
    public var broker: String
    /// How decisions are made, announced in the journal and every report.
    public var modelDescription: String
    /// True when the compiled checklist decides alone (`--model rules`).
    public var rulesOnly: Bool
    /// How often a tick is journaled (ticks are sampled).
    public var tickJournalInterval: Duration
    /// Entries not filled within this are cancelled.
    public var entryTimeout: Duration?

    public init(
        account: String, symbol: String, session: SessionDate, mode: RunMode, broker: String, modelDescription: String,
        rulesOnly: Bool, tickJournalInterval: Duration = .seconds(1), entryTimeout: Duration? = .seconds(30)
    ) {
        self.account = account
        self.symbol = symbol
        self.session = session
        self.mode = mode
        self.broker = broker
        self.modelDescription = modelDescription
        self.rulesOnly = rulesOnly
        self.tickJournalInterval = tickJournalInterval
        self.entryTimeout = entryTimeout
    }
}
