public import MarketData

/// A broker that fills our orders against a replayed L2 book and tape.
///
/// Feed it every `TimedEvent` the agent sees, in order, with `apply(_:)`; call `advance(to:)` at
/// ticks so requests land even when the market is quiet. The rules, in data time:
/// - A request acts `latency` after it was made, between exchange messages (never inside a batch).
/// - A marketable limit walks the visible levels up to its price, taking displayed size; what it
///   cannot fill rests at its price. A market order walks without a limit and keeps trying when
///   the book is empty.
/// - A resting limit joins the back of its level: the displayed size there is ahead of it. Prints
///   at its price eat that queue first; prints through its price fill it up to their size. Queue
///   ahead shrinks with the level (cancellations) but never grows. A new opposite order that
///   crosses its price fills it at its price.
/// - A stop triggers on a print that sets LAST at or through its price and then walks the book as
///   a market order at the end of that exchange message: its slippage is real.
/// - Liquidity we took stays taken from a level until the level disappears (the replay does not
///   know about us, so its sizes would otherwise be spent twice).
/// - Brackets: a child is held until its parent fills and works for the parent's filled quantity;
///   an OCA group reduces its members by each other's fills and cancels the rest when done.
///
/// Not thread-safe by design: one task owns it (see `Broker`).
public final class SimulatedExchange: Broker {
    public let configuration: Configuration
    /// The replayed book, as of the last event.
    public private(set) var book = OrderBook()
    /// The last print that set LAST.
    public internal(set) var lastPrice: Price?
    /// The simulator's clock: the latest event or request time seen.
    public private(set) var time = Timestamp(nanos: 0)

    var orders: [ClientOrderID: SimulatedOrder] = [:]
    /// Orders that have arrived and may still be live, in arrival order (time priority).
    var live: [ClientOrderID] = []
    var liveNeedsCompaction = false
    var children: [ClientOrderID: [ClientOrderID]] = [:]
    var groupMembers: [String: [ClientOrderID]] = [:]
    var groupFilled: [String: Int64] = [:]
    var schedule: [(time: Timestamp, action: SimulatedAction)] = []
    var reports: [ExecutionReport] = []
    var consumedBids: [Price: Int64] = [:]
    var consumedAsks: [Price: Int64] = [:]
    var batchOpen = false
    var sawDepth = false
    var executionCounter = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    // MARK: Market data

    /// Replays one market event: requests due by its time act first (at a batch start), then the
    /// book and tape move and our orders fill.
    public func apply(_ event: TimedEvent) {
        if !batchOpen { advance(to: event.time) }
        if event.time > time { time = event.time }
        switch event.event {
        case .depth(let update): onDepth(update)
        case .trade(let trade): onTrade(trade)
        case .quote(let quote): onQuote(quote)
        case .bookReset:
            book.clear()
            consumedBids.removeAll(keepingCapacity: true)
            consumedAsks.removeAll(keepingCapacity: true)
        }
        batchOpen = !event.endsBatch
        if event.endsBatch { endBatch() }
    }

    /// Lets requests due by `time` act, when no market event comes to carry them.
    public func advance(to time: Timestamp) {
        guard !batchOpen else { return }
        while let due = schedule.first?.time, due <= time {
            if due > self.time { self.time = due }
            // Everything due at the same instant acts, then the market answers.
            while let next = schedule.first, next.time == due {
                schedule.removeFirst()
                perform(next.action)
            }
            takeLiquidity()
        }
        if time > self.time { self.time = time }
    }

    // MARK: Broker

    public func submit(_ requests: [OrderRequest], at time: Timestamp) {
        for request in requests where orders[request.id] == nil {
            var order = SimulatedOrder(request: request)
            if let group = request.ocaGroup { order.groupFilledBefore = groupFilled[group, default: 0] }
            orders[request.id] = order
            enqueue(.arrive(request.id), at: time)
        }
    }

    public func resubmit(_ requests: [OrderRequest], prior: [ClientOrderID: PriorFills], at time: Timestamp) {
        submit(requests, at: time)
        for request in requests {
            guard let fills = prior[request.id], orders[request.id]?.state == .pendingSubmit else { continue }
            orders[request.id]?.prior = fills
            orders[request.id]?.commission = fills.commission
        }
    }

    public func modify(_ id: ClientOrderID, price: Price, at time: Timestamp) {
        enqueue(.modify(id, price), at: time)
    }

    public func cancel(_ id: ClientOrderID, at time: Timestamp) {
        enqueue(.cancel(id), at: time)
    }

    public func cancelAll(at time: Timestamp) {
        enqueue(.cancelAll, at: time)
    }

    /// An OCA group here reduces every member by each other's fills, whenever it joined.
    public var joinsBracketOCAGroups: Bool { true }

    public func drainReports() -> [ExecutionReport] {
        // Polled every tick: an empty poll must not allocate.
        guard !reports.isEmpty else { return [] }
        let drained = reports
        reports = []
        return drained
    }

    /// The simulator's view of an order, for tests and diagnostics.
    public func state(of id: ClientOrderID) -> OrderState? { orders[id]?.state }

    /// Shares displayed ahead of a resting limit of ours; nil when it is not resting.
    public func queueAhead(of id: ClientOrderID) -> Int64? {
        guard let order = orders[id], order.isActive, order.resting else { return nil }
        return order.queueAhead
    }

    private func enqueue(_ action: SimulatedAction, at time: Timestamp) {
        let due = time + configuration.latency
        // Requests keep their order: a later request never overtakes an earlier one.
        var index = schedule.count
        while index > 0, schedule[index - 1].time > due { index -= 1 }
        schedule.insert((due, action), at: index)
    }

    // MARK: Event handlers

    private func onDepth(_ update: DepthUpdate) {
        sawDepth = true
        applyDepth(update)
    }

    func applyDepth(_ update: DepthUpdate) {
        // Most of a day passes with no order of ours working: then only the book moves.
        guard !live.isEmpty || !consumedBids.isEmpty || !consumedAsks.isEmpty else {
            book.apply(update)
            return
        }
        let before = book.size(update.side, at: update.price)
        book.apply(update)
        let after = book.size(update.side, at: update.price)
        if after == 0 {
            if update.side == .bid { consumedBids[update.price] = nil } else { consumedAsks[update.price] = nil }
        } else if after > before {
            fillCrossedResting(by: update.side, at: update.price, newShares: after - before)
        }
    }

    private func onQuote(_ quote: Quote) {
        // A depth feed is the better book; a quote feed alone keeps a one-level book.
        guard !sawDepth else { return }
        replaceTop(.bid, price: quote.bid, size: quote.bidSize)
        replaceTop(.ask, price: quote.ask, size: quote.askSize)
    }

    private func replaceTop(_ side: BookSide, price: Price, size: Int64) {
        let current = side == .bid ? book.bestBid : book.bestAsk
        if let current, current.price != price {
            applyDepth(DepthUpdate(side: side, price: current.price, size: 0, operation: .delete))
        }
        guard size > 0, price > .zero else { return }
        applyDepth(DepthUpdate(side: side, price: price, size: size, operation: .update))
    }

    private func endBatch() {
        for id in live {
            guard var order = orders[id], order.isActive, order.resting, let price = order.request.price else {
                continue
            }
            let displayed = book.size(order.bookSide, at: price)
            if order.queueAhead > displayed {
                order.queueAhead = displayed
                orders[id] = order
            }
        }
        takeLiquidity()
        if liveNeedsCompaction {
            live.removeAll { orders[$0]?.state.isTerminal ?? true }
            liveNeedsCompaction = false
        }
    }
}
