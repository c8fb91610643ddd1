public import MarketData
public import StateVector

/// Turns approved decisions into broker orders and keeps their state from the broker's reports.
///
/// An entry is a bracket: an entry limit, a stop and a target submitted together; the legs are
/// held until the entry fills, work for what it filled, and cancel each other (OCA). An entry not
/// filled within `entryTimeout` has its remainder cancelled. `cancelAllAndFlatten` never leaves a
/// position unprotected: it cancels every order but the position's working stop and sends the
/// market exit at once in the stop's OCA group, so whichever fills first reduces the other and the
/// flatten cannot overshoot into the other side (#16: cancelling the stop first left the position
/// bare until the exit filled). With no working stop, or a broker that cannot add an order to a
/// bracket's group (`Broker.joinsBracketOCAGroups`), it cancels everything and, once the broker
/// confirms the cancels, sends the market exit. Owned by one task, like its broker.
public final class OrderManager {
    public let broker: any Broker
    public let configuration: Configuration
    public private(set) var orders: [ClientOrderID: ManagedOrder] = [:]
    public private(set) var bracket: Bracket?
    /// Why a flatten is in progress; nil when none is.
    public private(set) var flattenReason: String?
    public private(set) var nextSequence = 1
    /// Submission order, for a stable `ACTIVE_ORDERS` listing.
    private var submissionOrder: [ClientOrderID] = []
    /// The orders not yet done, in submission order (kept as reports arrive: read every tick).
    private var liveIDs: [ClientOrderID] = []
    /// When this flatten's last order went out: a broker that rejects it is retried once a second,
    /// not on every tick.
    private var lastFlattenOrder: Timestamp?

    public init(broker: any Broker, configuration: Configuration, restoring snapshot: OrderManagerSnapshot? = nil) {
        self.broker = broker
        self.configuration = configuration
        if let snapshot {
            nextSequence = snapshot.nextSequence
            for order in snapshot.orders where orders[order.request.id] == nil {
                orders[order.request.id] = order
                submissionOrder.append(order.request.id)
                if !order.state.isTerminal { liveIDs.append(order.request.id) }
            }
            bracket = snapshot.bracket
            flattenReason = snapshot.flattenReason
        }
    }

    public var snapshot: OrderManagerSnapshot {
        OrderManagerSnapshot(
            nextSequence: nextSequence, orders: submissionOrder.compactMap { orders[$0] }, bracket: bracket,
            flattenReason: flattenReason)
    }

    public var isFlattening: Bool { flattenReason != nil }

    /// Orders not yet done, in submission order.
    public var liveOrders: [ManagedOrder] { liveIDs.compactMap { orders[$0] } }

    public var hasLiveOrders: Bool { !liveIDs.isEmpty }

    /// The `ACTIVE_ORDERS` of the next state.
    public var activeOrders: [ActiveOrder] { liveOrders.compactMap(\.activeOrder) }

    // MARK: Commands

    /// Submits an approved bracket: entry, target and stop (IBKR's order), legs held until the entry fills.
    public func enter(_ approval: ApprovedEntry, at time: Timestamp) -> [ExecutionEvent] {
        let intent = approval.intent
        let sequence = nextSequence
        nextSequence += 1
        let session = configuration.session
        let entryID = ClientOrderID(session: session, sequence: sequence, role: .entry)
        let stopID = ClientOrderID(session: session, sequence: sequence, role: .stop)
        let targetID = ClientOrderID(session: session, sequence: sequence, role: .target)
        let group = "\(session)-\(sequence)"
        let open: TradeSide = intent.side == .long ? .buy : .sell
        let close: TradeSide = intent.side == .long ? .sell : .buy
        let requests = [
            OrderRequest(
                id: entryID, side: open, type: .limit, price: intent.limit, quantity: intent.quantity, role: .entry),
            OrderRequest(
                id: targetID, side: close, type: .limit, price: intent.target, quantity: intent.quantity, role: .target,
                parent: entryID, ocaGroup: group),
            OrderRequest(
                id: stopID, side: close, type: .stop, price: intent.stop, quantity: intent.quantity, role: .stop,
                parent: entryID, ocaGroup: group),
        ]
        bracket = Bracket(
            side: intent.side, entry: entryID, stop: stopID, target: targetID,
            expiresAt: configuration.entryTimeout.map { time + $0 })
        return submit(requests, at: time)
    }

    /// Moves the bracket's stop or target. Fails when the bracket has no such leg still working.
    public func changePrice(_ approval: ApprovedPriceChange, at time: Timestamp) -> Result<[ExecutionEvent], RiskRefusal> {
        guard let id = liveLeg(approval.role) else { return .failure(.noBracketLeg(approval.role)) }
        broker.modify(id, price: approval.price, at: time)
        return .success([.modifyRequested(id, price: approval.price)])
    }

    /// The id of the bracket's live stop or target leg.
    public func liveLeg(_ role: OrderRole) -> ClientOrderID? {
        guard let bracket else { return nil }
        let id = role == .stop ? bracket.stop : bracket.target
        guard let order = orders[id], !order.state.isTerminal, !order.cancelRequested else { return nil }
        return id
    }

    /// Cancels every order but the stop protecting `position` and flattens: the exit goes out at
    /// once beside that stop (one OCA group), or, with no stop working, once the cancels are done.
    /// Always allowed, also when halted.
    public func cancelAllAndFlatten(reason: String, position: Int64, at time: Timestamp) -> [ExecutionEvent] {
        flattenReason = reason
        var events: [ExecutionEvent] = [.flattenStarted(reason: reason)]
        guard position != 0, let stop = protectiveStop else {
            broker.cancelAll(at: time)
            for id in liveIDs { orders[id]?.cancelRequested = true }
            return events
        }
        for id in liveIDs where id != stop.request.id && orders[id]?.cancelRequested == false {
            orders[id]?.cancelRequested = true
            broker.cancel(id, at: time)
        }
        events += sendExit(position: position, group: stop.request.ocaGroup, at: time)
        return events
    }

    /// The bracket's stop while it works and no cancel is on its way: what protects the position
    /// until a flatten's exit has filled.
    var protectiveStop: ManagedOrder? {
        guard broker.joinsBracketOCAGroups, let id = bracket?.stop, let stop = orders[id], !stop.state.isTerminal,
            !stop.cancelRequested, stop.request.ocaGroup != nil
        else { return nil }
        return stop
    }

    // MARK: Reports and time

    /// Takes one broker report into the orders' state; returns its fill, if any, for the account.
    public func apply(_ report: ExecutionReport) -> Fill? {
        if var order = orders[report.orderID] {
            order.apply(report)
            orders[report.orderID] = order
            if order.state.isTerminal, let index = liveIDs.firstIndex(of: report.orderID) {
                liveIDs.remove(at: index)
            }
        }
        if case .fill(let fill) = report.event { return fill }
        return nil
    }

    /// What time and the position require: expire a late entry, send the flatten order once
    /// cancels are done, flatten a position that has lost its stop.
    public func housekeeping(position: Int64, at time: Timestamp) -> [ExecutionEvent] {
        // The common tick: flat, nothing working.
        if liveIDs.isEmpty, position == 0, flattenReason == nil {
            bracket = nil
            return []
        }
        var events: [ExecutionEvent] = []
        if let bracket, let expiry = bracket.expiresAt, time >= expiry, var entry = orders[bracket.entry],
            !entry.state.isTerminal, !entry.cancelRequested
        {
            entry.cancelRequested = true
            orders[bracket.entry] = entry
            broker.cancel(bracket.entry, at: time)
            let timeout = configuration.entryTimeout.map(Self.describe) ?? "its time"
            events.append(.cancelRequested(bracket.entry, reason: "entry not filled within \(timeout)"))
        }
        if let bracket, !liveIDs.contains(bracket.entry), !liveIDs.contains(bracket.stop),
            !liveIDs.contains(bracket.target)
        {
            self.bracket = nil
        }
        let live = liveOrders
        if flattenReason == nil, position != 0, !live.contains(where: { $0.request.role == .stop || $0.request.role == .exit }) {
            // The flatten order goes out at the next tick, after the cancel-all it must not meet.
            return events
                + cancelAllAndFlatten(
                    reason: "a position of \(abs(position)) shares has no working stop", position: position, at: time)
        }
        guard flattenReason != nil else { return events }
        let stop = protectiveStop
        if position != 0 {
            // Beside a working stop the exit shares its OCA group; without one it must wait for the
            // cancels, or a late fill of a cancelled leg would overshoot.
            let waiting = live.contains { $0.request.role != .exit && $0.request.id != stop?.request.id }
            if !live.contains(where: { $0.request.role == .exit }), stop != nil || !waiting {
                events += sendExit(position: position, group: stop?.request.ocaGroup, at: time)
            }
        } else if let stop {
            // Flat with the stop still working (a broker whose OCA group did not cancel it).
            orders[stop.request.id]?.cancelRequested = true
            broker.cancel(stop.request.id, at: time)
            events.append(.cancelRequested(stop.request.id, reason: "flat: the stop protects nothing"))
        } else if live.isEmpty {
            flattenReason = nil
            lastFlattenOrder = nil
            events.append(.flattenCompleted)
        }
        return events
    }

    /// The flatten's market exit for `position`, at most once a second (a broker that rejects it is
    /// retried, not flooded).
    private func sendExit(position: Int64, group: String?, at time: Timestamp) -> [ExecutionEvent] {
        let retryAt = lastFlattenOrder.map { $0 + .seconds(1) } ?? time
        guard time >= retryAt else { return [] }
        lastFlattenOrder = time
        let id = ClientOrderID(session: configuration.session, sequence: nextSequence, role: .exit)
        nextSequence += 1
        let request = OrderRequest(
            id: id, side: position > 0 ? .sell : .buy, type: .market, price: nil, quantity: abs(position), role: .exit,
            ocaGroup: group)
        return submit([request], at: time)
    }

    /// After a restart: sends again, under the same ids, the orders the snapshot says are live. A
    /// broker that still has them ignores the resubmission; a fresh one (the simulator) gets them.
    /// An entry that already filled in part is cancelled rather than resumed, and the legs then
    /// protect the position on their own (an OCA pair for the working quantity).
    public func resubmitOpenOrders(at time: Timestamp, includingEntries: Bool = true) -> [ExecutionEvent] {
        var events: [ExecutionEvent] = []
        var requests: [OrderRequest] = []
        // After a halt no entry may reach the market again, nor the legs that would follow it.
        let withheld: Set<ClientOrderID> =
            includingEntries
            ? [] : Set(liveOrders.filter { $0.request.role == .entry && $0.filledQuantity == 0 }.map(\.request.id))
        for var order in liveOrders {
            var request = order.request
            if withheld.contains(request.id) || request.parent.map(withheld.contains) == true {
                order.cancelRequested = true
                orders[request.id] = order
                broker.cancel(request.id, at: time)
                events.append(.cancelRequested(request.id, reason: "halted before the restart: not sent again"))
                continue
            }
            if let parent = request.parent, let parentOrder = orders[parent],
                parentOrder.filledQuantity > 0 || parentOrder.state.isTerminal
            {
                request.parent = nil
                request.quantity = max(order.workingQuantity, 0)
            } else if request.role == .entry, order.filledQuantity > 0 {
                order.cancelRequested = true
                orders[request.id] = order
                broker.cancel(request.id, at: time)
                events.append(.cancelRequested(request.id, reason: "entry was partly filled before the restart"))
                continue
            } else if request.role == .exit {
                request.quantity = max(order.workingQuantity, 0)
            }
            guard request.quantity > 0 else { continue }
            requests.append(request)
        }
        if !requests.isEmpty {
            var prior: [ClientOrderID: PriorFills] = [:]
            for request in requests { prior[request.id] = orders[request.id]?.priorFills }
            broker.resubmit(requests, prior: prior, at: time)
            events.append(.submitted(requests))
        }
        return events
    }

    /// `5 s`, `1500 ms`.
    private static func describe(_ duration: Duration) -> String {
        let millis = duration.nanosecondCount / Timestamp.nanosPerMillisecond
        return millis % 1000 == 0 ? "\(millis / 1000) s" : "\(millis) ms"
    }

    private func submit(_ requests: [OrderRequest], at time: Timestamp) -> [ExecutionEvent] {
        for request in requests where orders[request.id] == nil {
            orders[request.id] = ManagedOrder(request: request, submittedAt: time)
            submissionOrder.append(request.id)
            liveIDs.append(request.id)
        }
        broker.submit(requests, at: time)
        return [.submitted(requests)]
    }
}
