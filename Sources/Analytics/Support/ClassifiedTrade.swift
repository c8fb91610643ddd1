import MarketData
import StateVector

/// A print with its aggressor settled (from the feed, or by the quote and tick rules).
struct ClassifiedTrade: Hashable, Sendable {
    var time: Timestamp
    var price: Price
    var size: Int64
    var side: TradeSide
    var setsLast: Bool

    /// + size for a buyer-initiated print, − size for a seller-initiated one.
    var signedSize: Int64 { side == .buy ? size : -size }
}
