import MarketData

/// The book as TWS addresses it, by row position per side, folded into price levels. Under SMART
/// depth several rows (venues) can share a price; the levels carry their sum.
///
/// Tolerant of what real TWS sends: an update or delete of a row that does not exist is ignored, an
/// insert past the end appends.
public struct DepthRows: Sendable {
    private var bids: [BookLevel] = []
    private var asks: [BookLevel] = []

    public init() {}

    public var bestBid: BookLevel? { level(.bid, bids.first?.price) }
    public var bestAsk: BookLevel? { level(.ask, asks.first?.price) }

    public mutating func clear() {
        bids.removeAll()
        asks.removeAll()
    }

    /// Applies one row operation and returns the price-level changes it caused (absolute sizes).
    public mutating func apply(_ row: TWSDepthRow) -> [DepthUpdate] {
        var rows = row.side == .bid ? bids : asks
        var touched: [Price] = []
        let position = max(0, row.position)
        switch row.operation {
        case .insert:
            if position < rows.count {
                rows.insert(BookLevel(price: row.price, size: row.size), at: position)
            } else {
                rows.append(BookLevel(price: row.price, size: row.size))
            }
            touched.append(row.price)
        case .update:
            if position < rows.count {
                touched.append(rows[position].price)
                rows[position] = BookLevel(price: row.price, size: row.size)
                touched.append(row.price)
            } else {
                rows.append(BookLevel(price: row.price, size: row.size))
                touched.append(row.price)
            }
        case .delete:
            if position < rows.count {
                touched.append(rows[position].price)
                rows.remove(at: position)
            }
        }
        if row.side == .bid { bids = rows } else { asks = rows }
        var updates: [DepthUpdate] = []
        for price in Set(touched).sorted() {
            let size = rows.reduce(Int64(0)) { $0 + ($1.price == price ? $1.size : 0) }
            updates.append(DepthUpdate(side: row.side, price: price, size: size, operation: size > 0 ? .update : .delete))
        }
        return updates
    }

    private func level(_ side: BookSide, _ price: Price?) -> BookLevel? {
        guard let price else { return nil }
        let rows = side == .bid ? bids : asks
        return BookLevel(price: price, size: rows.reduce(0) { $0 + ($1.price == price ? $1.size : 0) })
    }
}
