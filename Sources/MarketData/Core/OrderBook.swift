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

    // Inlined into `apply(_:)`: one call per update rather than two.
    @inline(__always)
    private static func apply(_ update: DepthUpdate, to levels: inout [BookLevel]) {
        let index = search(levels, update.price, update.side)
        if update.operation == .delete || update.size <= 0 {
            guard index.found else { return }
            let count = levels.count
            // Half the deletes drop the worst level (it left the feed's depth): one step.
            if index.position == count &- 1 {
                levels.removeLast()
                return
            }
            // By hand: `remove(at:)` calls memmove, slower than a loop for the few levels moved.
            levels.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var position = index.position
                while position &+ 1 < count {
                    base[position] = base[position &+ 1]
                    position &+= 1
                }
            }
            levels.removeLast()
        } else if index.found {
            // One uniqueness check and no bounds check: the position came from the search.
            levels.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress?[index.position].size = update.size
            }
        } else {
            let level = BookLevel(price: update.price, size: update.size)
            // Append, then shift the worse levels down by hand, as for a delete; a level entering
            // at the bottom of the feed's depth needs no shift.
            levels.append(level)
            guard index.position < levels.count &- 1 else { return }
            levels.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var position = buffer.count &- 1
                while position > index.position {
                    base[position] = base[position &- 1]
                    position &-= 1
                }
                base[index.position] = level
            }
        }
    }

    /// Levels a book may hold before `search` switches from a full scan to a binary search.
    private static let scanLimit = 32

    /// Where `price` is or would go in best-first order (bids descend, asks ascend). Books of a few
    /// tens of levels are scanned in full, counting the levels better than `price`: no branch
    /// depends on the prices, where a search's mispredictions cost more than the comparisons.
    @inline(__always)
    private static func search(_ levels: [BookLevel], _ price: Price, _ side: BookSide) -> (found: Bool, position: Int) {
        levels.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (false, 0) }
            let target = price.raw
            let count = buffer.count
            if count <= scanLimit {
                var position = 0
                var level = 0
                // Two loops so that each compares plainly; the Bool as a byte keeps it a `setcc`.
                if side == .bid {
                    while level < count {
                        position &+= Int(unsafeBitCast(base[level].price.raw > target, to: UInt8.self))
                        level &+= 1
                    }
                } else {
                    while level < count {
                        position &+= Int(unsafeBitCast(base[level].price.raw < target, to: UInt8.self))
                        level &+= 1
                    }
                }
                return (position < count && base[position].price.raw == target, position)
            }
            // Bids compare negated so that both sides ascend.
            let sign: Int64 = side == .bid ? -1 : 1
            let key = target &* sign
            var low = 0
            var high = count
            while low < high {
                let middle = (low &+ high) >> 1
                let candidate = base[middle].price.raw &* sign
                if candidate == key { return (true, middle) }
                if candidate < key { low = middle &+ 1 } else { high = middle }
            }
            return (false, low)
        }
    }
}
