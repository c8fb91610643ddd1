/// Whether a run trades on simulated time as fast as the machine allows, or on a clock with a
/// live view; written in the journal's session record (`"mode":"backtest"` / `"live"`).
public enum RunMode: String, Sendable, CaseIterable {
    case backtest
    case live
}
