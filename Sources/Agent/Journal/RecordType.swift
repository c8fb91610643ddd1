/// The `type` of every journal record (docs/AGENT.md describes each one's fields).
public enum RecordType {
    /// A run started: account, symbol, date, broker, model, strategy and its hash.
    public static let session = "session"
    /// What a restart read back from the journal.
    public static let recovered = "recovered"
    /// A sampled loop tick: prices, position, P&L, the checklist.
    public static let tick = "tick"
    /// A request sent to the model.
    public static let modelRequest = "model_request"
    /// A request in flight given up: a setup appeared that it was not asked about, or the
    /// position changed under it; the stream is closed and the model asked again at once.
    public static let modelCancelled = "model_cancelled"
    /// The model's reply: raw text, reasoning, latency, tokens (the brain's `ModelReplyRecord`).
    public static let modelReply = "model_reply"
    /// The gate's verdict on a command, with the reason.
    public static let verdict = "verdict"
    /// A compiled exit rule fired.
    public static let exit = "exit"
    /// An order was submitted, replaced or cancelled.
    public static let order = "order"
    /// A fill.
    public static let fill = "fill"
    /// The execution layer's state after any change (the brain of crash recovery): account,
    /// orders and halt, as `ExecutionSnapshot` encodes them under `execution`.
    public static let snapshot = "snapshot"
    /// Trading halted for the rest of the day.
    public static let halt = "halt"
    /// A new version of the strategy file was swapped in (or refused).
    public static let reload = "reload"
    /// New entries became blocked (`reason`) or allowed again (`reason` null): a live broker's
    /// connection lost, reconnecting or reconciling, or TWS without its link to IB (1100).
    public static let entryBlock = "entry_block"
    /// The run stopped cleanly.
    public static let stop = "stop"
}
