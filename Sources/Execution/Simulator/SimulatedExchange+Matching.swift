import MarketData

// How our orders meet the replayed market: taking displayed liquidity, waiting in a queue, stops.

extension SimulatedExchange {
    func onTrade(_ trade: Trade) {
        if trade.setsLast {
            lastPrice = trade.price
            triggerStops(at: trade.price)
        }
        fillResting(from: trade)
    }

    private func triggerStops(at price: Price) {
        for id in live {
            guard var order = orders[id], order.isActive, order.request.type == .stop, !order.triggered,
                let stop = order.request.price
            else { continue }
            let hit = order.request.side == .buy ? price >= stop : price <= stop
            if hit {
                order.triggered = true
                orders[id] = order
            }
        }
    }

    /// A print takes our resting limits that it reaches: at our price after the queue ahead, through
    /// our price at once. Our orders share the print's size, best price first, then time.
    private func fillResting(from trade: Trade) {
        var left = trade.size
        var candidates: [(id: ClientOrderID, price: Price, buy: Bool)] = []
        for id in live {
            guard let order = orders[id], order.isActive, order.resting, order.request.type == .limit,
                let price = order.request.price
            else { continue }
            let buy = order.request.side == .buy
            // A buy rests on the bid: only selling reaches it (and prints of unknown side).
            if buy ? (trade.aggressor == .buy || trade.price > price) : (trade.aggressor == .sell || trade.price < price) {
                continue
            }
            candidates.append((id, price, buy))
        }
        guard !candidates.isEmpty else { return }
        if candidates.count > 1 {
            // Stable: equal prices keep time priority.
            candidates = candidates.enumerated().sorted { lhs, rhs in
                let l = lhs.element, r = rhs.element
                if l.price != r.price { return l.buy ? l.price > r.price : l.price < r.price }
                return lhs.offset < rhs.offset
            }.map(\.element)
        }
        for candidate in candidates where left > 0 {
            guard var order = orders[candidate.id], order.isActive else { continue }
            if trade.price == candidate.price {
                let eaten = min(order.queueAhead, left)
                order.queueAhead -= eaten
                left -= eaten
                orders[candidate.id] = order
            }
            let quantity = min(left, openQuantity(candidate.id))
            guard quantity > 0 else { continue }
            left -= quantity
            fill(candidate.id, price: candidate.price, quantity: quantity, addedLiquidity: true)
        }
    }

    /// New size on `side` at `price` that crosses a resting limit of ours trades with it, at our
    /// price, as the new order would have on the real exchange (after the queue ahead of us).
    func fillCrossedResting(by side: BookSide, at price: Price, newShares: Int64) {
        var left = newShares
        for id in live where left > 0 {
            guard var order = orders[id], order.isActive, order.resting, order.request.type == .limit,
                order.bookSide == side.opposite, let limit = order.request.price
            else { continue }
            let crosses = side == .ask ? price <= limit : price >= limit
            guard crosses else { continue }
            let eaten = min(order.queueAhead, left)
            order.queueAhead -= eaten
            left -= eaten
            orders[id] = order
            let quantity = min(left, openQuantity(id))
            guard quantity > 0 else { continue }
            left -= quantity
            consume(side, price, quantity)
            fill(id, price: limit, quantity: quantity, addedLiquidity: true)
        }
    }

    /// Active orders that take liquidity now: limits just arrived or repriced, markets, triggered
    /// stops. Repeats while something filled, since a fill can activate a bracket's legs.
    func takeLiquidity() {
        var rounds = 0
        var progress = true
        while progress, rounds < 8 {
            progress = false
            rounds += 1
            for id in live {
                guard let order = orders[id], order.isActive else { continue }
                switch order.request.type {
                case .limit:
                    guard !order.resting, let limit = order.request.price else { continue }
                    take(id, limit: limit)
                    if var rested = orders[id], rested.isActive {
                        rested.resting = true
                        rested.queueAhead = book.size(rested.bookSide, at: limit)
                        orders[id] = rested
                    }
                    progress = true
                case .market:
                    if take(id, limit: nil) { progress = true }
                case .stop:
                    if order.triggered, take(id, limit: nil) { progress = true }
                }
            }
        }
    }

    /// Walks the opposite side best first up to `limit`; returns whether anything filled.
    @discardableResult
    private func take(_ id: ClientOrderID, limit: Price?) -> Bool {
        guard let order = orders[id] else { return false }
        let buy = order.request.side == .buy
        let side: BookSide = buy ? .ask : .bid
        var filledAny = false
        for level in book.levels(side) {
            if let limit, buy ? level.price > limit : level.price < limit { break }
            let open = openQuantity(id)
            guard open > 0, orders[id]?.isActive == true else { break }
            let available = level.size - consumed(side, level.price)
            guard available > 0 else { continue }
            let quantity = min(open, available)
            consume(side, level.price, quantity)
            fill(id, price: level.price, quantity: quantity, addedLiquidity: false)
            filledAny = true
        }
        return filledAny
    }

    private func consumed(_ side: BookSide, _ price: Price) -> Int64 {
        side == .bid ? consumedBids[price, default: 0] : consumedAsks[price, default: 0]
    }

    private func consume(_ side: BookSide, _ price: Price, _ quantity: Int64) {
        if side == .bid { consumedBids[price, default: 0] += quantity } else { consumedAsks[price, default: 0] += quantity }
    }
}
