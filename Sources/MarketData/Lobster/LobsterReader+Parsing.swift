// Turning a message and its orderbook row into events.
extension LobsterReader {
    /// The trade first, then the diff of the previous row against the current one, asks then bids.
    /// Only `levels` may differ; the levels outside are equal in both rows.
    @inline(__always)
    func buildEvents(
        time: Timestamp, trade: Trade?, row new: UnsafeMutablePointer<Int64>, asks allAsks: Int, bids allBids: Int,
        levels: Range<Int>
    ) {
        pendingCount = 0
        pendingIndex = 0
        if let trade {
            pending[0] = TimedEvent(time: time, event: .trade(trade), endsBatch: false)
            pendingCount = 1
        }
        let old = previousRow
        // Both rows are sorted and equal outside `levels`, so the changes are the merge of the
        // levels inside; occupied levels come first, so the counts cut the range short.
        let previousAsks = min(self.previousAsks, levels.upperBound)
        let asks = min(allAsks, levels.upperBound)
        let previousBids = min(self.previousBids, levels.upperBound)
        let bids = min(allBids, levels.upperBound)
        // Asks ascend: the lower price comes first in both rows.
        var i = levels.lowerBound
        var j = levels.lowerBound
        while i < previousAsks || j < asks {
            if j == asks || (i < previousAsks && old[4 &* i] < new[4 &* j]) {
                emit(time, .ask, old[4 &* i], 0, .delete)
                i &+= 1
            } else if i == previousAsks || new[4 &* j] < old[4 &* i] {
                emit(time, .ask, new[4 &* j], new[4 &* j &+ 1], .insert)
                j &+= 1
            } else {
                if old[4 &* i &+ 1] != new[4 &* j &+ 1] { emit(time, .ask, new[4 &* j], new[4 &* j &+ 1], .update) }
                i &+= 1
                j &+= 1
            }
        }
        // Bids descend: the higher price comes first.
        i = levels.lowerBound
        j = levels.lowerBound
        while i < previousBids || j < bids {
            if j == bids || (i < previousBids && old[4 &* i &+ 2] > new[4 &* j &+ 2]) {
                emit(time, .bid, old[4 &* i &+ 2], 0, .delete)
                i &+= 1
            } else if i == previousBids || new[4 &* j &+ 2] > old[4 &* i &+ 2] {
                emit(time, .bid, new[4 &* j &+ 2], new[4 &* j &+ 3], .insert)
                j &+= 1
            } else {
                if old[4 &* i &+ 3] != new[4 &* j &+ 3] {
                    emit(time, .bid, new[4 &* j &+ 2], new[4 &* j &+ 3], .update)
                }
                i &+= 1
                j &+= 1
            }
        }
        if pendingCount > 0 { pending[pendingCount - 1].endsBatch = true }
    }

    @inline(__always)
    private func emit(_ time: Timestamp, _ side: BookSide, _ price: Int64, _ size: Int64, _ operation: DepthOperation) {
        pending[pendingCount] = TimedEvent(
            time: time,
            event: .depth(DepthUpdate(side: side, price: Price(raw: price), size: size, operation: operation)),
            endsBatch: false)
        pendingCount &+= 1
    }
}
