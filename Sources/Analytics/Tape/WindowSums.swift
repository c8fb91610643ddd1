import MarketData
import StateVector

/// One print as the tape's trailing windows keep it.
struct TapePrint: Sendable {
    var time: Int64
    var size: Int64
    var side: TradeSide
}

/// The running sums of one trailing window (t − w, t] over a ring of prints shared with other
/// windows: the window holds the prints numbered `first` and after, each added once and
/// subtracted once when it leaves.
struct WindowSums: Sendable {
    /// The window's length in nanoseconds.
    let length: Int64
    /// Sequence number (from the session's first print) of the oldest print in the window.
    private(set) var first = 0
    private(set) var count = 0
    /// Volume of buyer-initiated prints (`ask_vol`).
    private(set) var buyVolume: Int64 = 0
    /// Volume of seller-initiated prints (`bid_vol`).
    private(set) var sellVolume: Int64 = 0

    init(length: Int64) {
        self.length = length
    }

    var volume: Int64 { buyVolume + sellVolume }
    var delta: Int64 { buyVolume - sellVolume }

    /// Counts the newest print (the ring's last).
    @inline(__always)
    mutating func add(_ print: TapePrint) {
        count += 1
        // Selects rather than branches: the side is a coin toss to the branch predictor.
        let bought = print.side == .buy ? print.size : 0
        buyVolume += bought
        sellVolume += print.size - bought
    }

    /// Drops the prints at or before `now − length`; `prints` starts at sequence number `base`.
    @inline(__always)
    mutating func advance(to now: Int64, prints: Ring<TapePrint>, base: Int) {
        let cutoff = now - length
        while count > 0 {
            let oldest = prints[first - base]
            guard oldest.time <= cutoff else { return }
            first += 1
            count -= 1
            let bought = oldest.side == .buy ? oldest.size : 0
            buyVolume -= bought
            sellVolume -= oldest.size - bought
        }
    }
}
