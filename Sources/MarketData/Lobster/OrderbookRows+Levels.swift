// The level rules an orderbook row must keep for the book: occupied levels first, prices moving
// away from the spread, sizes and prices in range, no crossed book.
extension OrderbookRows {
    /// What `validate` checks, for the changed levels only: the previous row passed it and the
    /// other levels are unchanged. Nil when anything is wrong; `validate` then reports it.
    @inline(__always)
    func checkChangedLevels(_ row: UnsafeMutablePointer<Int64>) -> (asks: Int, bids: Int)? {
        let firstLevel = firstChanged >> 2
        let endLevel = (endChanged &+ 3) >> 2
        guard let asks = checkSide(row, price: 0, firstLevel, endLevel, previous: previousAsks, ascending: true),
            let bids = checkSide(row, price: 2, firstLevel, endLevel, previous: previousBids, ascending: false)
        else { return nil }
        // The best levels are unchanged unless level 1 changed.
        if firstLevel == 0 && asks > 0 && bids > 0 && row[2] >= row[0] { return nil }
        return (asks, bids)
    }

    /// The occupied levels of one side (prices at column `price` of each level, sizes after them),
    /// or nil when the changed levels break a rule of `validate`.
    @inline(__always)
    private func checkSide(
        _ row: UnsafeMutablePointer<Int64>, price: Int, _ firstLevel: Int, _ endLevel: Int, previous: Int,
        ascending: Bool
    ) -> Int? {
        var count = previous
        var level = firstLevel
        while level < endLevel {
            let size = row[4 &* level &+ price &+ 1]
            if size != 0 {
                let levelPrice = row[4 &* level &+ price]
                guard size > 0, size <= MarketLimits.maximumSize, levelPrice > 0,
                    levelPrice <= MarketLimits.maximumPriceRaw
                else { return nil }
                if level >= previous { count &+= 1 }
            } else if level < previous {
                count &-= 1
            }
            level &+= 1
        }
        // Occupied levels come first: inside the changed levels by looking, outside them because
        // their occupancy is the previous row's, which must then agree with the new count.
        if count != previous && (min(count, previous) < firstLevel || max(count, previous) > endLevel) { return nil }
        level = firstLevel
        while level < endLevel {
            guard (row[4 &* level &+ price &+ 1] != 0) == (level < count) else { return nil }
            level &+= 1
        }
        // Prices move away from the spread level by level, across the edges of the changed levels too.
        level = max(firstLevel, 1)
        let end = min(endLevel &+ 1, count)
        while level < end {
            let current = row[4 &* level &+ price]
            let better = row[4 &* (level &- 1) &+ price]
            guard ascending ? current > better : current < better else { return nil }
            level &+= 1
        }
        return count
    }

    /// Checks the row the way the book needs it and returns the occupied levels per side.
    /// Empty levels (size 0; LOBSTER pads them with prices ±9999999999) may only follow occupied ones.
    func validate(_ row: UnsafeMutablePointer<Int64>, start: UnsafePointer<UInt8>) throws -> (asks: Int, bids: Int) {
        var asks = 0
        var bids = 0
        var level = 0
        while level &* 4 < columns {
            let base = level &* 4
            let askSize = row[base &+ 1]
            if askSize != 0 {
                let askPrice = row[base]
                guard asks == level, askSize > 0, askPrice > 0, askSize <= MarketLimits.maximumSize,
                    askPrice <= MarketLimits.maximumPriceRaw
                else {
                    throw levelError(row, start, field: base, level: level, side: "ask", asks == level)
                }
                if level > 0 && askPrice <= row[base &- 4] {
                    throw error(
                        start, field: base,
                        "ask prices must rise level by level, but level \(level + 1) (\(Price(raw: askPrice))) "
                            + "is not above level \(level) (\(Price(raw: row[base - 4])))")
                }
                asks &+= 1
            }
            let bidSize = row[base &+ 3]
            if bidSize != 0 {
                let bidPrice = row[base &+ 2]
                guard bids == level, bidSize > 0, bidPrice > 0, bidSize <= MarketLimits.maximumSize,
                    bidPrice <= MarketLimits.maximumPriceRaw
                else {
                    throw levelError(row, start, field: base + 2, level: level, side: "bid", bids == level)
                }
                if level > 0 && bidPrice >= row[base &- 2] {
                    throw error(
                        start, field: base + 2,
                        "bid prices must fall level by level, but level \(level + 1) (\(Price(raw: bidPrice))) "
                            + "is not below level \(level) (\(Price(raw: row[base - 2])))")
                }
                bids &+= 1
            }
            level &+= 1
        }
        if asks > 0 && bids > 0 && row[2] >= row[0] {
            throw error(
                start, field: 2,
                "crossed book: the best bid \(Price(raw: row[2])) is at or above the best ask \(Price(raw: row[0]))")
        }
        return (asks, bids)
    }

    private func error(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: path, line: lines.line,
            column: LobsterDiagnostics.column(of: field, from: start), message: text)
    }

    private func levelError(
        _ row: UnsafeMutablePointer<Int64>, _ start: UnsafePointer<UInt8>, field: Int, level: Int, side: String,
        _ contiguous: Bool
    ) -> ReplayError {
        let price = row[field]
        let size = row[field + 1]
        let text =
            !contiguous
            ? "\(side) level \(level + 1) is occupied below an empty level"
            : size < 0
                ? "\(side) level \(level + 1) has a negative size (\(size))"
                : size > MarketLimits.maximumSize
                    ? "\(side) level \(level + 1) has a size above \(MarketLimits.maximumSize) shares (\(size))"
                    : price > MarketLimits.maximumPriceRaw
                        ? "\(side) level \(level + 1) has a price above \(MarketLimits.maximumPriceRaw) (\(price))"
                        : "\(side) level \(level + 1) has a size but no positive price (\(price))"
        return error(start, field: field, text)
    }
}
