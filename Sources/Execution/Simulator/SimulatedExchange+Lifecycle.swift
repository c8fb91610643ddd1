import MarketData

// Orders arriving, changing, filling and ending, with bracket (parent) and OCA bookkeeping.

extension SimulatedExchange {
    func perform(_ action: SimulatedAction) {
        switch action {
        case .arrive(let id): arrive(id)
        case .modify(let id, let price): modify(id, price: price)
        case .cancel(let id): cancel(id, reason: "cancelled by request", refuseIfDone: true)
        case .cancelAll:
            for id in live where orders[id]?.state.isTerminal == false {
                cancel(id, reason: "cancelled by cancel-all", refuseIfDone: false)
            }
        }
    }

    // MARK: Arrival

    private func arrive(_ id: ClientOrderID) {
        guard var order = orders[id], order.state == .pendingSubmit else { return }
        if let problem = rejection(of: order.request) {
            order.state = .rejected
            orders[id] = order
            report(id, .rejected(reason: problem))
            return
        }
        if let parent = order.request.parent {
            children[parent, default: []].append(id)
            order.state = (orders[parent]?.filled ?? 0) > 0 ? .working : .held
        } else {
            order.state = .working
        }
        if let group = order.request.ocaGroup { groupMembers[group, default: []].append(id) }
        orders[id] = order
        live.append(id)
        report(id, .accepted)
        // A flatten's exit whose group's other members filled its shares while it was on its way.
        if order.request.parent == nil, order.request.ocaGroup != nil, openQuantity(id) == 0 {
            cancel(id, reason: "OCA: its group filled these shares before it arrived", refuseIfDone: false)
        }
    }

    private func rejection(of request: OrderRequest) -> String? {
        guard request.quantity > 0 else {
            return "quantity \(request.quantity): an order needs at least 1 share"
        }
        switch request.type {
        case .limit, .stop:
            guard let price = request.price else { return "a \(request.type.name) order needs a price" }
            if let problem = priceProblem(price) { return problem }
        case .market:
            break
        }
        if let parent = request.parent {
            guard let parentOrder = orders[parent] else { return "unknown parent order \(parent)" }
            if parentOrder.state == .rejected || (parentOrder.state.isTerminal && parentOrder.filled == 0) {
                return "parent order \(parent) is \(parentOrder.state.rawValue) with nothing filled"
            }
        }
        return nil
    }

    private func priceProblem(_ price: Price) -> String? {
        guard price > .zero else { return "price \(price.display) must be positive" }
        // Reg NMS rule 612: no sub-penny orders at $1.00 and above.
        if price >= Price(cents: 100), price.isSubPenny {
            return "price \(price.display) is not a whole cent (prices of $1.00 and above trade in cents)"
        }
        return nil
    }

    // MARK: Requests on live orders

    private func modify(_ id: ClientOrderID, price: Price) {
        guard var order = orders[id], !order.state.isTerminal, order.state != .pendingSubmit else {
            refuse(id, "cannot modify \(id): it is \(orders[id]?.state.rawValue ?? "unknown")")
            return
        }
        guard order.request.type != .market else {
            refuse(id, "cannot modify \(id): a market order has no price")
            return
        }
        if let problem = priceProblem(price) {
            refuse(id, "cannot modify \(id): \(problem)")
            return
        }
        if order.triggered {
            refuse(id, "cannot modify \(id): the stop has triggered and is filling")
            return
        }
        order.request.price = price
        // A new price is a new place in the queue, and may now cross the book.
        order.resting = false
        order.queueAhead = 0
        orders[id] = order
        report(id, .modified(price: price))
    }

    func cancel(_ id: ClientOrderID, reason: String, refuseIfDone: Bool) {
        guard var order = orders[id], !order.state.isTerminal else {
            if refuseIfDone { refuse(id, "cannot cancel \(id): it is \(orders[id]?.state.rawValue ?? "unknown")") }
            return
        }
        order.state = .cancelled
        orders[id] = order
        liveNeedsCompaction = true
        report(id, .cancelled(reason: reason))
        parentEnded(id)
    }

    private func refuse(_ id: ClientOrderID, _ reason: String) {
        let order = orders[id]
        reports.append(
            ExecutionReport(
                orderID: id, time: time, event: .requestRefused(reason: reason), state: order?.state ?? .rejected,
                filledQuantity: order?.filled ?? 0, workingQuantity: order.map { workingQuantity($0) } ?? 0))
    }

    // MARK: Fills

    /// Shares the order may still fill now: its quantity, capped by its parent's fills, less what
    /// it (or its OCA group) has filled.
    func openQuantity(_ id: ClientOrderID) -> Int64 {
        guard let order = orders[id] else { return 0 }
        var cap = order.request.quantity
        if let parent = order.request.parent { cap = min(cap, orders[parent]?.filled ?? 0) }
        let done = order.request.ocaGroup.map { groupFilled[$0, default: 0] - order.groupFilledBefore } ?? order.filled
        return max(0, cap - done)
    }

    private func parentIsDone(_ order: SimulatedOrder) -> Bool {
        guard let parent = order.request.parent else { return true }
        return orders[parent]?.state.isTerminal ?? true
    }

    func fill(_ id: ClientOrderID, price: Price, quantity: Int64, addedLiquidity: Bool) {
        guard var order = orders[id] else { return }
        order.filled += quantity
        order.filledValue += price * quantity
        let total = configuration.commission.commission(
            shares: order.filled + (order.prior?.shares ?? 0), value: order.filledValue + (order.prior?.value ?? .zero))
        let charge = total - order.commission
        order.commission = total
        order.executions += 1
        executionCounter += 1
        if let group = order.request.ocaGroup { groupFilled[group, default: 0] += quantity }
        orders[id] = order
        let done = openQuantity(id) == 0 && parentIsDone(order)
        orders[id]?.state = done ? .filled : .partiallyFilled
        if done { liveNeedsCompaction = true }
        // The time keeps ids unique when a restarted run resubmits an order under its old id to a
        // fresh simulator: the account must not take its new fills for repeats of the old ones.
        let execution = Fill(
            executionID: "\(id).\(time.nanos).\(order.executions)", side: order.request.side, price: price, quantity: quantity,
            commission: charge, addedLiquidity: addedLiquidity)
        report(id, .fill(execution))
        if let group = order.request.ocaGroup { settleGroup(group, reason: "OCA: \(id) filled") }
        if children[id] != nil {
            if done { parentEnded(id) } else { refreshChildren(of: id) }
        }
    }

    /// After a fill in an OCA group: the group is done once nothing is open and no member waits
    /// for more parent fills; then filled members are filled and the rest cancelled.
    private func settleGroup(_ group: String, reason: String) {
        let open = (groupMembers[group] ?? []).filter { orders[$0]?.state.isTerminal == false }
        let finished = open.allSatisfy { openQuantity($0) == 0 && orders[$0].map(parentIsDone) ?? true }
        for member in open {
            guard var order = orders[member] else { continue }
            if finished {
                order.state = order.filled > 0 ? .filled : .cancelled
                orders[member] = order
                liveNeedsCompaction = true
                report(member, order.filled > 0 ? .updated : .cancelled(reason: reason))
            } else {
                reportIfChanged(member)
            }
        }
    }

    /// The parent filled more: held legs start working, working legs grow.
    private func refreshChildren(of parent: ClientOrderID) {
        for child in children[parent] ?? [] {
            guard var order = orders[child], !order.state.isTerminal else { continue }
            if order.state == .held {
                order.state = .working
                orders[child] = order
            }
            reportIfChanged(child)
        }
    }

    /// The parent is done (filled, or cancelled): legs of an unfilled parent are cancelled, the
    /// others work for what the parent filled and may now be done.
    func parentEnded(_ parent: ClientOrderID) {
        guard let parentOrder = orders[parent], let legs = children[parent] else { return }
        for child in legs where orders[child]?.state.isTerminal == false {
            if parentOrder.filled == 0 {
                cancel(child, reason: "parent \(parent) ended unfilled", refuseIfDone: false)
                continue
            }
            if orders[child]?.state == .held { orders[child]?.state = .working }
            if let group = orders[child]?.request.ocaGroup {
                settleGroup(group, reason: "OCA: the exits of \(parent) are complete")
            } else if openQuantity(child) == 0, let order = orders[child] {
                orders[child]?.state = order.filled > 0 ? .filled : .cancelled
                liveNeedsCompaction = true
            }
            reportIfChanged(child)
        }
    }

    // MARK: Reports

    func workingQuantity(_ order: SimulatedOrder) -> Int64 {
        switch order.state {
        case .filled, .cancelled, .rejected: 0
        case .pendingSubmit, .held: order.request.quantity
        case .working, .partiallyFilled: openQuantity(order.request.id)
        }
    }

    func report(_ id: ClientOrderID, _ event: ExecutionReport.Event) {
        guard var order = orders[id] else { return }
        let working = workingQuantity(order)
        order.reportedState = order.state
        order.reportedWorking = working
        orders[id] = order
        reports.append(
            ExecutionReport(
                orderID: id, time: time, event: event, state: order.state, filledQuantity: order.filled,
                workingQuantity: working))
    }

    private func reportIfChanged(_ id: ClientOrderID) {
        guard let order = orders[id] else { return }
        if order.state != order.reportedState || workingQuantity(order) != order.reportedWorking {
            report(id, order.state == .cancelled ? .cancelled(reason: "nothing left to work") : .updated)
        }
    }
}
