import Execution
import MarketData
import StateVector

/// The simulated gateway's order desk: every client's TWS orders, worked by one
/// `SimulatedExchange`, the same simulator a backtest fills against.
///
/// It maps TWS orders onto `OrderRequest`s (LMT, STP and MKT; a parent and its children held
/// until the order with `transmit` set, then submitted as one group whose children are
/// one-cancels-other; plain OCA groups), and turns the exchange's `ExecutionReport`s back into
/// orderStatus, openOrder, execDetails and commissionReport messages for the owning client.
///
/// Synchronous and not thread-safe by design, like the exchange it owns: `TWSGateway` (an actor)
/// is its one owner, and every request reaches it through that actor's mailbox.
final class GatewayDesk {
    /// A message for one client id (every connection it has), or for every connection that
    /// subscribed to positions.
    struct Outbound {
        enum Recipient: Equatable { case client(Int), positionSubscribers }
        var recipient: Recipient
        var response: TWSResponse
    }

    let exchange: SimulatedExchange
    let configuration: GatewayConfiguration
    let contract: TWSContract
    var orders: [TWSGateway.OrderKey: GatewayOrder] = [:]
    /// Order keys in placement order: time priority, and the order of openOrders replies.
    private(set) var sequence: [TWSGateway.OrderKey] = []
    var keys: [ClientOrderID: TWSGateway.OrderKey] = [:]
    var executions: [(execution: TWSExecution, commission: TWSCommissionReport)] = []
    var account = Account()
    private var nextPermID: Int64 = 1_000_000_001
    var outbox: [Outbound] = []

    init(configuration: GatewayConfiguration) {
        self.configuration = configuration
        self.contract = configuration.contract
        self.exchange = SimulatedExchange(configuration: configuration.exchange)
    }

    /// Takes what happened since the last call: every report of the exchange, as TWS messages.
    func collect() -> [Outbound] {
        translateReports()
        guard !outbox.isEmpty else { return [] }
        defer { outbox.removeAll(keepingCapacity: true) }
        return outbox
    }

    func send(_ response: TWSResponse, to clientID: Int) {
        outbox.append(Outbound(recipient: .client(clientID), response: response))
    }

    func sendError(_ id: Int, _ code: Int, _ text: String, to clientID: Int) {
        send(.error(TWSErrorMessage(id: id, code: code, text: text)), to: clientID)
    }

    /// openOrder then orderStatus, as TWS reports every change of an order.
    func sendState(_ key: TWSGateway.OrderKey) {
        guard let order = orders[key] else { return }
        send(.openOrder(order.openOrder(contract: contract)), to: key.clientID)
        send(.orderStatus(order.orderStatus), to: key.clientID)
    }

    func update(_ key: TWSGateway.OrderKey, _ change: (inout GatewayOrder) -> Void) {
        guard var order = orders[key] else { return }
        change(&order)
        orders[key] = order
    }

    // MARK: Requests

    /// placeOrder: a new order (held until its group transmits), a new version of a held order,
    /// or a price change of a transmitted one.
    func place(_ order: TWSOrder, contract requested: TWSContract, clientID: Int, at time: Timestamp) {
        let key = TWSGateway.OrderKey(clientID: clientID, orderID: order.orderID)
        guard covers(requested) else {
            return sendError(order.orderID, 200, "No security definition has been found for the request", to: clientID)
        }
        if let (code, problem) = Self.validate(order) {
            return sendError(order.orderID, code, code == 201 ? "Order rejected - reason:\(problem)" : problem, to: clientID)
        }
        if let existing = orders[key] {
            if existing.isDone { return sendError(order.orderID, 103, "Duplicate order id", to: clientID) }
            if existing.transmitted { return modify(existing, to: order, at: time) }
            update(key) { $0.order = order }
            if order.transmit { transmit(key, at: time) }
            return
        }
        if order.parentID != 0 {
            let parent = orders[TWSGateway.OrderKey(clientID: clientID, orderID: order.parentID)]
            guard let parent, !["Cancelled", "Inactive", "ApiCancelled"].contains(parent.status) else {
                return sendError(
                    order.orderID, 201, "Order rejected - reason:the parent order \(order.parentID) is not live",
                    to: clientID)
            }
        }
        let placed = GatewayOrder(order: order, key: key, permID: nextPermID)
        nextPermID += 1
        orders[key] = placed
        keys[placed.exchangeID] = key
        sequence.append(key)
        if order.transmit { transmit(key, at: time) }
    }

    /// What TWS itself refuses before an order reaches the exchange: code and reason.
    static func validate(_ order: TWSOrder) -> (Int, String)? {
        guard order.quantity > 0 else { return (201, "the order size must be positive, got \(order.quantity)") }
        let price: Price?
        switch order.orderType {
        case "LMT":
            guard let limit = order.limitPrice else { return (201, "a LMT order needs a limit price") }
            price = limit
        case "STP":
            guard let stop = order.auxPrice else { return (201, "a STP order needs a stop price (auxPrice)") }
            price = stop
        case "MKT":
            price = nil
        default:
            return (201, "the simulated gateway accepts LMT, STP and MKT orders, not '\(order.orderType)'")
        }
        if let price {
            guard price > .zero else { return (201, "the price \(price.display) must be positive") }
            if price >= Price(cents: 100), price.isSubPenny {
                return (110, "The price does not conform to the minimum price variation for this contract.")
            }
        }
        return nil
    }

    /// Submits the order's group to the exchange: its parent and every held child, parent first.
    private func transmit(_ key: TWSGateway.OrderKey, at time: Timestamp) {
        guard let order = orders[key] else { return }
        let parentKey = order.order.parentID != 0
            ? TWSGateway.OrderKey(clientID: key.clientID, orderID: order.order.parentID) : key
        var group: [TWSGateway.OrderKey] = [parentKey]
        group += sequence.filter { $0.clientID == key.clientID && orders[$0]?.order.parentID == parentKey.orderID }
        let held = group.filter { orders[$0].map { !$0.transmitted && !$0.isDone } ?? false }
        guard !held.isEmpty else { return }
        let requests = held.compactMap(request)
        for member in held { update(member) { $0.transmitted = true } }
        exchange.submit(requests, at: time)
    }

    private func request(for key: TWSGateway.OrderKey) -> OrderRequest? {
        guard let held = orders[key] else { return nil }
        let order = held.order
        let type: OrderType = order.orderType == "LMT" ? .limit : order.orderType == "STP" ? .stop : .market
        let parent = order.parentID == 0 ? nil : orders[TWSGateway.OrderKey(clientID: key.clientID, orderID: order.parentID)]
        // A bracket's children are one-cancels-other at TWS whether or not they name a group.
        let group: String? =
            !order.ocaGroup.isEmpty ? "\(key.clientID)/\(order.ocaGroup)"
            : parent != nil ? "\(key.clientID)/bracket-\(order.parentID)" : nil
        let role: OrderRole = parent == nil ? .entry : type == .stop ? .stop : type == .limit ? .target : .exit
        return OrderRequest(
            id: held.exchangeID, side: order.action == .buy ? .buy : .sell, type: type, price: held.price,
            quantity: order.quantity, role: role, parent: parent?.exchangeID, ocaGroup: group)
    }

    /// A placeOrder for a transmitted order: TWS modifies it. Only the price changes here.
    private func modify(_ existing: GatewayOrder, to order: TWSOrder, at time: Timestamp) {
        let current = existing.order
        guard order.action == current.action, order.orderType == current.orderType, order.quantity == current.quantity else {
            return sendError(
                order.orderID, 105,
                "Order being modified does not match original order: the simulated gateway changes only the limit or stop price; cancel and place a new order instead",
                to: existing.key.clientID)
        }
        guard let price = GatewayOrder.price(of: order), price != existing.price else {
            return sendState(existing.key)
        }
        update(existing.key) { $0.pending.append(.modify) }
        exchange.modify(existing.exchangeID, price: price, at: time)
    }

    /// cancelOrder for one of `clientID`'s orders.
    func cancel(orderID: Int, clientID: Int, at time: Timestamp) {
        let key = TWSGateway.OrderKey(clientID: clientID, orderID: orderID)
        guard let order = orders[key] else {
            return sendError(orderID, 10147, "OrderId \(orderID) that needs to be cancelled is not found.", to: clientID)
        }
        guard !order.isDone else {
            return sendError(
                orderID, 161, "Cancel attempted when order is not in a cancellable state.  Order permId =\(order.permID)",
                to: clientID)
        }
        guard order.transmitted else { return cancelHeld(key, reason: "cancelled by request") }
        update(key) { $0.pending.append(.cancel) }
        exchange.cancel(order.exchangeID, at: time)
    }

    /// reqGlobalCancel: every open order of every client.
    func cancelAll(at time: Timestamp) {
        for key in sequence where orders[key].map({ !$0.transmitted && !$0.isDone }) ?? false {
            cancelHeld(key, reason: "global cancel")
        }
        exchange.cancelAll(at: time)
    }

    /// Cancels an order the exchange never saw, and its held children.
    func cancelHeld(_ key: TWSGateway.OrderKey, reason: String) {
        guard let order = orders[key], !order.transmitted, !order.isDone else { return }
        update(key) { $0.status = "Cancelled" }
        sendState(key)
        sendError(key.orderID, 202, "Order Canceled - reason:\(reason)", to: key.clientID)
        cancelHeldChildren(of: key)
    }

    func cancelHeldChildren(of key: TWSGateway.OrderKey) {
        for child in sequence where child.clientID == key.clientID && orders[child]?.order.parentID == key.orderID {
            cancelHeld(child, reason: "parent \(key.orderID) cancelled")
        }
    }

    func covers(_ requested: TWSContract) -> Bool {
        requested.conId == configuration.conID
            || (requested.symbol.uppercased() == configuration.symbol.uppercased() && requested.secType.uppercased() == "STK")
    }
}
