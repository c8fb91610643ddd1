import MarketData

extension TWSGateway {
    /// Replays the events `next` returns (nil at the end) on the data's clock divided by
    /// `configuration.speed`, publishing each consistent batch and filling orders against it.
    /// While it runs, a request acts `latency` after the session time it arrived at, as in a
    /// backtest; before and after, requests act at once against the current book.
    /// - Throws: what `next` throws (a bad replay file), or `CancellationError`.
    public nonisolated func replay(_ next: () throws -> TimedEvent?) async throws {
        var pacer = ReplayPacer(speed: configuration.speed)
        await replayBegins(pacer)
        do {
            var batch: [TimedEvent] = []
            var batchesSinceYield = 0
            while let event = try next() {
                batch.append(event)
                guard event.endsBatch else { continue }
                if pacer.isPaced {
                    if pacer.origin == nil {
                        pacer.anchor(data: event.time, wall: .now)
                        await replayBegins(pacer)
                    }
                    if let due = pacer.wallTime(for: event.time), due > ContinuousClock.now {
                        await replayWaits(for: event.time)
                        try await Task.sleep(until: due, clock: .continuous)
                    }
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
        } catch {
            await replayEnds()
            throw error
        }
        await replayEnds()
    }

    private func replayBegins(_ pacer: ReplayPacer) { replay = pacer }

    private func replayWaits(for batch: Timestamp) { nextBatch = batch }

    /// After the last event, requests still in flight act against the final book, and later ones
    /// act at once.
    private func replayEnds() {
        replay = nil
        nextBatch = nil
        desk.exchange.advance(to: desk.exchange.time + configuration.exchange.latency)
        route(desk.collect())
    }

    /// The session time a request arriving now is made at: the replayed clock while a paced replay
    /// waits for its next batch (never at or past that batch), else the last event's time.
    func requestTime() -> Timestamp {
        let time = desk.exchange.time
        guard let replay, let next = nextBatch, let now = replay.dataTime(at: .now) else { return time }
        return max(time, min(now, next - .nanoseconds(1)))
    }

    /// After a request made at `time`: without a replay it acts at once; during a paced replay it
    /// acts when the session reaches it, or with the first batch at or after it.
    func requested(at time: Timestamp) {
        let due = time + configuration.exchange.latency
        if let replay {
            if let wall = replay.wallTime(for: due) {
                Task {
                    try? await Task.sleep(until: wall, clock: .continuous)
                    self.catchUp(to: due)
                }
            }
        } else {
            desk.exchange.advance(to: due)
        }
        route(desk.collect())
    }

    /// Lets requests due by `time` act while the replay sleeps before a later batch.
    private func catchUp(to time: Timestamp) {
        guard replay != nil, let next = nextBatch, time < next, time > desk.exchange.time else { return }
        desk.exchange.advance(to: time)
        route(desk.collect())
    }

    /// Applies one consistent batch: the exchange (book, tape, our orders), then subscribers, then
    /// the orders' messages.
    public func apply(_ batch: [TimedEvent]) {
        nextBatch = nil
        var trades: [Trade] = []
        for (index, event) in batch.enumerated() {
            clock = event.time
            var event = event
            // A batch handed in whole ends here even if its last event says otherwise (a truncated
            // file, a test), so that requests are never held behind a batch that stays open.
            if index == batch.count - 1 { event.endsBatch = true }
            desk.exchange.apply(event)
            if case .trade(let trade) = event.event {
                trades.append(trade)
                dayVolume += trade.size
                if trade.setsLast { lastTradePrice = trade.price }
            }
        }
        for id in sessions.keys { publishDepth(session: id) }
        publishTicks(trades)
        route(desk.collect())
    }

    /// Sends the desk's messages to their clients.
    func route(_ messages: [GatewayDesk.Outbound]) {
        for message in messages {
            switch message.recipient {
            case .client(let clientID): writeToOwner(clientID, message.response)
            case .positionSubscribers:
                for session in sessions.values where session.positions { session.write(message.response) }
            }
        }
    }

    func writeToOwner(_ clientID: Int, _ response: TWSResponse) {
        for session in sessions.values where session.clientID == clientID { session.write(response) }
    }

    func publishDepth(session id: Int) {
        guard let session = sessions[id] else { return }
        for (reqID, subscription) in session.depth {
            let bids = Array(desk.exchange.book.bids.prefix(subscription.rows))
            let asks = Array(desk.exchange.book.asks.prefix(subscription.rows))
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
        let quote = (bid: desk.exchange.book.bestBid, ask: desk.exchange.book.bestAsk)
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
                    session.write(.tickSize(reqID: reqID, tickType: 8, size: Self.volumeLots(dayVolume)))
                }
            }
        }
    }
}
