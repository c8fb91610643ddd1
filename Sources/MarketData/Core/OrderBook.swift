/// One occupied price level.
public struct BookLevel: Hashable, Sendable {
    public var price: Price
    public var size: Int64

    @inlinable public init(price: Price, size: Int64) {
        self.price = price
        self.size = size
    }
}

/// A price-level (L2) book of both sides. Levels are kept best first in contiguous storage: the
/// books here hold tens of levels, where a binary search plus a short move beats any tree.
public struct OrderBook: Sendable {
    /// Best (highest) first.
    public private(set) var bids: [BookLevel] = []
    /// Best (lowest) first.
    public private(set) var asks: [BookLevel] = []

    public init() {
        bids.reserveCapacity(64)
        asks.reserveCapacity(64)
    }

    @inlinable public var bestBid: BookLevel? { bids.first }
    @inlinable public var bestAsk: BookLevel? { asks.first }

    /// Best first.
    @inlinable public func levels(_ side: BookSide) -> [BookLevel] { side == .bid ? bids : asks }

    /// Best ask minus best bid; nil when a side is empty.
    public var spread: Price? {
        guard let bid = bids.first, let ask = asks.first else { return nil }
        return ask.price - bid.price
    }

    /// The size resting at `price` on `side`, 0 when the level is empty.
    public func size(_ side: BookSide, at price: Price) -> Int64 {
        let levels = side == .bid ? bids : asks
        let index = Self.search(levels, price, side)
        return index.found ? levels[index.position].size : 0
    }

    /// Applies one depth update. An update or insert with size 0 deletes the level; a delete of an
    /// absent level is ignored (feeds replay deletes after resets).
    public mutating func apply(_ update: DepthUpdate) {
        if update.side == .bid {
            Self.apply(update, to: &bids)
        } else {
            Self.apply(update, to: &asks)
        }
    }

    public mutating func clear() {
        bids.removeAll(keepingCapacity: true)
        asks.removeAll(keepingCapacity: true)
    }

    public mutating func clear(_ side: BookSide) {
        if side == .bid { bids.removeAll(keepingCapacity: true) } else { asks.removeAll(keepingCapacity: true) }
    }

    private static func apply(_ update: DepthUpdate, to levels: inout [BookLevel]) {
        let index = search(levels, update.price, update.side)
        if update.operation == .delete || update.size <= 0 {
            guard index.found else { return }
            let count = levels.count
            levels.withUnsafeMutableBufferPointer { buffer in
                var position = index.position
                while position &+ 1 < count {
                    buffer[position] = buffer[position &+ 1]
                    position &+= 1
                }
            }
            levels.removeLast()
        } else if index.found {
            levels[index.position].size = update.size
        } else {
            let level = BookLevel(price: update.price, size: update.size)
            // Append, then shift the worse levels down by hand: cheaper than `insert(_:at:)` for
            // the few tens of levels a book holds.
            levels.append(level)
            levels.withUnsafeMutableBufferPointer { buffer in
                var position = buffer.count &- 1
                while position > index.position {
                    buffer[position] = buffer[position &- 1]
                    position &-= 1
                }
                buffer[index.position] = level
            }
        }
    }

    /// Where `price` is or would go in best-first order (bids descend, asks ascend): a short scan
    /// of the best levels, where most updates land, then a binary search of the rest.
    @inline(__always)
    private static func search(_ levels: [BookLevel], _ price: Price, _ side: BookSide) -> (found: Bool, position: Int) {
        levels.withUnsafeBufferPointer { buffer in
            let target = price.raw
            let count = buffer.count
            // Bids compare negated so that both sides ascend.
            let sign: Int64 = side == .bid ? -1 : 1
            let key = target &* sign
            var low = 0
            let scanned = min(count, 4)
            while low < scanned {
                let candidate = buffer[low].price.raw &* sign
                if candidate >= key { return (candidate == key, low) }
                low &+= 1
            }
            var high = count
            while low < high {
                let middle = (low &+ high) >> 1
                let candidate = buffer[middle].price.raw &* sign
                if candidate == key { return (true, middle) }
                if candidate < key { low = middle &+ 1 } else { high = middle }
            }
            return (false, low)
        }
    }
}
