import MarketData

extension TWSGateway {
    /// Replays the events `next` returns (nil at the end) on the data's clock divided by
    /// `configuration.speed`, publishing each consistent batch and filling orders against it.
    /// - Throws: what `next` throws (a bad replay file), or `CancellationError`.
    public nonisolated func replay(_ next: () throws -> TimedEvent?) async throws {
        let speed = configuration.speed
        let wallStart = ContinuousClock.now
        var dataStart: Timestamp?
        var batch: [TimedEvent] = []
        var batchesSinceYield = 0
        while let event = try next() {
            batch.append(event)
            guard event.endsBatch else { continue }
            let start = dataStart ?? event.time
            dataStart = start
            if speed > 0 {
                let due = wallStart + .nanoseconds(Int64(Double((event.time - start).nanosecondCount) / speed))
                if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
            } else {
                batchesSinceYield += 1
                if batchesSinceYield >= 256 {
                    batchesSinceYield = 0
                    try Task.checkCancellation()
                    await Task.yield()
                }
            }
            await apply(batch)
            batch.removeAll(keepingCapacity: true)
        }
        if !batch.isEmpty { await apply(batch) }
    }

    /// Applies one consistent batch: book, tape, subscribers, then order matching.
    public func apply(_ batch: [TimedEvent]) {
        var trades: [Trade] = []
        for event in batch {
            clock = event.time
            switch event.event {
            case .depth(let update): book.apply(update)
            case .trade(let trade):
                trades.append(trade)
                dayVolume += trade.size
                if trade.setsLast { lastTradePrice = trade.price }
            case .quote: break
            case .bookReset: book.clear()
            }
        }
        for id in sessions.keys { publishDepth(session: id) }
        publishTicks(trades)
        match(trades: trades)
    }

    func publishDepth(session id: Int) {
        guard let session = sessions[id] else { return }
        for (reqID, subscription) in session.depth {
            let bids = Array(book.bids.prefix(subscription.rows))
            let asks = Array(book.asks.prefix(subscription.rows))
            for (side, old, new) in [(BookSide.ask, subscription.asks, asks), (.bid, subscription.bids, bids)] {
                for change in DepthRowDiffer.diff(old: old, new: new) {
                    session.write(
                        .depth(
                            TWSDepthRow(
                                reqID: reqID, position: change.position, marketMaker: "NSDQ",
                                operation: change.operation, side: side, price: change.level.price,
                                size: change.operation == .delete ? 0 : change.level.size,
                                isSmartDepth: subscription.smart)))
                }
            }
            sessions[id]?.depth[reqID]?.bids = bids
            sessions[id]?.depth[reqID]?.asks = asks
        }
    }

    private func publishTicks(_ trades: [Trade]) {
        let epoch = EasternTime.epochSeconds(date: configuration.sessionDate, time: clock)
        let quote = (bid: book.bestBid, ask: book.bestAsk)
        let quoteChanged = quote.bid != lastQuote.bid || quote.ask != lastQuote.ask
        lastQuote = quote
        for session in sessions.values {
            for (reqID, tickType) in session.tickByTick {
                switch tickType {
                case "AllLast", "Last":
                    for trade in trades where tickType == "AllLast" || trade.setsLast {
                        session.write(
                            .tickByTickLast(
                                TWSLastTick(
                                    reqID: reqID, tickType: tickType == "Last" ? 1 : 2, time: epoch, price: trade.price,
                                    size: trade.size, unreported: !trade.setsLast, exchange: "NASDAQ")))
                    }
                case "BidAsk" where quoteChanged:
                    guard let bid = quote.bid, let ask = quote.ask else { continue }
                    session.write(
                        .tickByTickBidAsk(
                            TWSBidAskTick(
                                reqID: reqID, time: epoch, bid: bid.price, ask: ask.price, bidSize: bid.size,
                                askSize: ask.size)))
                case "MidPoint" where quoteChanged:
                    guard let bid = quote.bid, let ask = quote.ask else { continue }
                    session.write(.tickByTickMidPoint(reqID: reqID, time: epoch, midPoint: Price(raw: (bid.price.raw + ask.price.raw) / 2)))
                default: break
                }
            }
            for reqID in session.marketData {
                if quoteChanged {
                    if let bid = quote.bid { session.write(.tickPrice(reqID: reqID, tickType: 1, price: bid.price, size: bid.size, mask: 0)) }
                    if let ask = quote.ask { session.write(.tickPrice(reqID: reqID, tickType: 2, price: ask.price, size: ask.size, mask: 0)) }
                }
                if let last = trades.last(where: \.setsLast) {
                    session.write(.tickPrice(reqID: reqID, tickType: 4, price: last.price, size: last.size, mask: 0))
                    session.write(.tickSize(reqID: reqID, tickType: 8, size: dayVolume))
                }
            }
        }
    }
}
