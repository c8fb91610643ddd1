/// The largest prices and sizes a feed may deliver. Replay readers refuse anything beyond them, so
/// that sums of price × size over a session (VWAP, profiles, P&L) stay far from `Int64` overflow
/// whatever a file contains.
public enum MarketLimits {
    /// 9,999,999,999 ten-thousandths: $999,999.9999, LOBSTER's own empty-level marker.
    public static let maximumPriceRaw: Int64 = 9_999_999_999
    /// Shares in one order, level or print.
    public static let maximumSize: Int64 = 999_999_999
}
