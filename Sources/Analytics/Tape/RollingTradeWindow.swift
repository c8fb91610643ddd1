import MarketData
import StateVector

/// Running sums over the prints of a trailing window (t − w, t]: each print is added once and
/// subtracted once when it leaves, so the cost per print is O(1) whatever the session's length.
struct RollingTradeWindow: Sendable {
    private struct Entry: Sendable {
        var time: Int64
        var size: Int64
        var side: TradeSide
    }

    /// The window's length in nanoseconds.
    let length: Int64
    /// A `Ring` with one uniqueness check per call (`makeUnique`), not one per queue operation.
    private var entries = Ring<Entry>(capacity: 256)
    private(set) var count = 0
    /// Volume of buyer-initiated prints (`ask_vol`).
    private(set) var buyVolume: Int64 = 0
    /// Volume of seller-initiated prints (`bid_vol`).
    private(set) var sellVolume: Int64 = 0

    init(seconds: Int) {
        length = WindowLength.nanos(seconds: seconds)
    }

    init(nanoseconds: Int64) {
        length = max(1, nanoseconds)
    }

    var volume: Int64 { buyVolume + sellVolume }
    var delta: Int64 { buyVolume - sellVolume }

    mutating func add(_ trade: ClassifiedTrade) {
        makeUnique()
        evict(before: trade.time.nanos - length)
        entries.append(Entry(time: trade.time.nanos, size: trade.size, side: trade.side))
        count += 1
        // Selects rather than branches: the side is a coin toss to the branch predictor.
        let bought = trade.side == .buy ? trade.size : 0
        buyVolume += bought
        sellVolume += trade.size - bought
    }

    /// Drops the prints at or before `now − length`. Times must not go backwards.
    mutating func advance(to now: Timestamp) {
        let cutoff = now.nanos - length
        guard let oldest = entries.first, oldest.time <= cutoff else { return }
        makeUnique()
        evict(before: cutoff)
    }

    private mutating func evict(before cutoff: Int64) {
        while let oldest = entries.first, oldest.time <= cutoff {
            entries.removeFirst()
            count -= 1
            let bought = oldest.side == .buy ? oldest.size : 0
            buyVolume -= bought
            sellVolume -= oldest.size - bought
        }
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&entries) { entries = entries.copy() }
    }
}
