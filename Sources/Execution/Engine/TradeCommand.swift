public import MarketData

/// What the agent asks the execution layer to do, after its gate.
public enum TradeCommand: Hashable, Sendable {
    /// `ENTER_LONG` / `ENTER_SHORT` with the strategy's size.
    case enter(EntryIntent)
    /// `UPDATE_STOP(price)`.
    case updateStop(Price)
    /// `UPDATE_TARGET(price)`.
    case updateTarget(Price)
    /// `CANCEL_ALL()` or a compiled exit: cancel everything and flatten. Always allowed.
    case cancelAllAndFlatten(reason: String)
}
