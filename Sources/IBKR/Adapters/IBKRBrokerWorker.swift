import Execution
import Logging
import MarketData

/// The task behind `IBKRBroker`: turns its calls into TWS requests in order, and TWS's replies
/// into execution reports.
struct IBKRBrokerWorker: Sendable {
    let connection: IBKRConnection
    let contract: TWSContract
    let state: Locked<IBKRBrokerState>
    let logger: Logger
    let confirmationTimeout: Duration

    func run(calls: AsyncStream<IBKRBroker.Call>) async {
        let events = await connection.events()
        let listener = Task { [state] in
            for await event in events {
                state.withLock { state in
                    switch event {
                    case .state(let newState): state.connectionState = newState
                    case .reconciled(let snapshot): state.reconcile(snapshot)
                    case .response(.orderStatus(let status)): state.status(status)
                    case .response(.execution(_, let execution)): state.execution(execution)
                    case .response(.commission(let report)): state.commission(report)
                    case .response(.error(let error)): state.error(error)
                    default: break
                    }
                }
            }
        }
        for await call in calls {
            do {
                try await perform(call)
            } catch {
                logger.error("IBKR broker: \(error)")
            }
        }
        listener.cancel()
    }

    private func perform(_ call: IBKRBroker.Call) async throws {
        switch call {
        case .submit(let requests, let time):
            let fresh = state.withLock { state in
                state.time = time
                return requests.filter { state.orders[$0.id] == nil }
            }
            guard !fresh.isEmpty else { return }
            let ready = state.withLock { $0.connectionState == .ready }
            if !ready && fresh.contains(where: { $0.role == .entry }) {
                reject(fresh, "IBKR is not ready (\(state.withLock { $0.connectionState })): no new entries")
                return
            }
            // Parents first; the last order of the group transmits the whole group.
            let ordered = fresh.sorted { ($0.parent == nil ? 0 : 1) < ($1.parent == nil ? 0 : 1) }
            var ids: [ClientOrderID: Int] = [:]
            for request in ordered { ids[request.id] = try await connection.nextOrderID() }
            var messages: [TWSRequest] = []
            for (index, request) in ordered.enumerated() {
                let twsID = ids[request.id] ?? 0
                let parentID = request.parent.flatMap { parent in ids[parent] ?? state.withLock { $0.orders[parent]?.twsID } } ?? 0
                var order = TWSOrder(
                    orderID: twsID, action: request.side == .buy ? .buy : .sell, quantity: request.quantity,
                    orderType: request.type == .limit ? "LMT" : request.type == .stop ? "STP" : "MKT",
                    orderRef: request.id.rawValue, transmit: index == ordered.count - 1, parentID: parentID)
                if request.type == .limit { order.limitPrice = request.price }
                if request.type == .stop { order.auxPrice = request.price }
                if parentID == 0, let group = request.ocaGroup { order.ocaGroup = group }
                messages.append(.placeOrder(order, contract))
                state.withLock { state in
                    state.orders[request.id] = IBKRBrokerState.Tracked(request: request, twsID: twsID)
                    state.byTWSID[twsID] = request.id
                }
            }
            do {
                try await connection.send(messages)
            } catch {
                reject(ordered, "not sent: \(error)")
                return
            }
            let group = ordered.map(\.id)
            Task { [self] in await confirm(group) }
        case .modify(let id, let price, let time):
            guard let tracked = state.withLock({ state -> IBKRBrokerState.Tracked? in
                state.time = time
                return state.orders[id]
            }), !tracked.state.isTerminal else { return }
            var order = TWSOrder(
                orderID: tracked.twsID, action: tracked.request.side == .buy ? .buy : .sell,
                quantity: tracked.request.quantity, orderType: tracked.request.type == .limit ? "LMT" : tracked.request.type == .stop ? "STP" : "MKT",
                orderRef: id.rawValue, transmit: true, parentID: state.withLock { s in tracked.request.parent.flatMap { s.orders[$0]?.twsID } } ?? 0)
            if tracked.request.type == .limit { order.limitPrice = price } else { order.auxPrice = price }
            try await connection.send(.placeOrder(order, contract))
            state.withLock { state in
                state.orders[id]?.request.price = price
                state.report(id, .modified(price: price))
            }
        case .cancel(let id, let time):
            guard let twsID = state.withLock({ s -> Int? in
                s.time = time
                return s.orders[id].flatMap { $0.state.isTerminal ? nil : $0.twsID }
            }) else { return }
            try await connection.send(.cancelOrder(orderID: twsID))
        case .cancelAll(let time):
            // Not reqGlobalCancel: that would also cancel other clients' and manual orders.
            let ids = state.withLock { s in
                s.time = time
                return s.orders.values.filter { !$0.state.isTerminal }.map(\.twsID).sorted()
            }
            try await connection.send(ids.map { .cancelOrder(orderID: $0) })
        }
    }

    /// A group TWS has not acknowledged in time is cancelled whole and reported rejected, so an
    /// order we cannot see is never left to fill unnoticed.
    private func confirm(_ group: [ClientOrderID]) async {
        try? await Task.sleep(for: confirmationTimeout)
        let unconfirmed = state.withLock { state in
            group.compactMap { id in state.orders[id].flatMap { $0.state == .pendingSubmit ? $0.twsID : nil } }
        }
        guard !unconfirmed.isEmpty else { return }
        logger.error("IBKR broker: TWS did not acknowledge orders \(unconfirmed) in time; cancelling the group")
        try? await connection.send(unconfirmed.map { .cancelOrder(orderID: $0) })
        state.withLock { state in
            for id in group where state.orders[id]?.state == .pendingSubmit {
                state.setState(id, .rejected, .rejected(reason: "not acknowledged by TWS in time; cancelled"))
            }
        }
    }

    private func reject(_ requests: [OrderRequest], _ reason: String) {
        state.withLock { state in
            for request in requests {
                state.orders[request.id] = IBKRBrokerState.Tracked(request: request, twsID: -1)
                state.setState(request.id, .rejected, .rejected(reason: reason))
            }
        }
    }
}
