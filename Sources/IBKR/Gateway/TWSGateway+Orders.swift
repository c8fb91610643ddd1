import MarketData

extension TWSGateway {
    func placeOrder(_ order: TWSOrder, _ contract: TWSContract, session id: Int) {
        guard let session = sessions[id] else { return }
        let key = OrderKey(clientID: session.clientID ?? 0, orderID: order.orderID)
        placements[key, default: 0] += 1
        guard contract.symbol.uppercased() == configuration.symbol.uppercased() || contract.conId == configuration.conID else {
            session.write(.error(TWSErrorMessage(id: order.orderID, code: 200, text: "No security definition has been found for the request")))
            return
        }
        if let problem = validate(order) {
            session.write(.error(TWSErrorMessage(id: order.orderID, code: 201, text: "Order rejected - reason:\(problem)")))
            return
        }
        if var existing = orders[key] {
            guard !existing.isDone else {
                session.write(.error(TWSErrorMessage(id: order.orderID, code: 103, text: "Duplicate order id")))
                return
            }
            // A placeOrder for a live id modifies it (price or quantity), as at TWS.
            existing.order.limitPrice = order.limitPrice
            existing.order.auxPrice = order.auxPrice
            existing.order.quantity = max(order.quantity, existing.filled)
            orders[key] = existing
            report(key)
            match(trades: [])
            return
        }
        if order.parentID != 0 {
            let parent = orders[OrderKey(clientID: key.clientID, orderID: order.parentID)]
            guard let parent, !["Cancelled", "Inactive", "ApiCancelled"].contains(parent.status) else {
                session.write(.error(TWSErrorMessage(id: order.orderID, code: 201, text: "Order rejected - reason:the parent order \(order.parentID) is not live")))
                return
            }
        }
        nextOrderID = max(nextOrderID, order.orderID + 1)
        orders[key] = GatewayOrder(order: order, clientID: key.clientID, permID: nextPermID, status: "PendingSubmit")
        nextPermID += 1
        orderSequence.append(key)
        guard order.transmit else { return }
        // The transmitting order releases its whole group: the parent and every held child.
        let parentKey = order.parentID != 0 ? OrderKey(clientID: key.clientID, orderID: order.parentID) : key
        var group = [parentKey]
        group += orderSequence.filter { orders[$0]?.order.parentID == parentKey.orderID && $0.clientID == key.clientID }
        let parentFilled = orders[parentKey]?.status == "Filled"
        for member in group {
            guard var held = orders[member], held.status == "PendingSubmit" else { continue }
            held.status = member == parentKey || parentFilled ? "Submitted" : "PreSubmitted"
            orders[member] = held
            report(member)
        }
        match(trades: [])
    }

    private func validate(_ order: TWSOrder) -> String? {
        guard order.quantity > 0 else { return "the order size must be positive" }
        switch order.orderType {
        case "LMT": return order.limitPrice == nil ? "a LMT order needs a limit price" : nil
        case "STP": return order.auxPrice == nil ? "a STP order needs a stop price (auxPrice)" : nil
        case "MKT": return nil
        default: return "the simulated gateway accepts LMT, STP and MKT orders, not \(order.orderType)"
        }
    }

    func cancelOrder(_ key: OrderKey, session id: Int) {
        guard let session = sessions[id] else { return }
        guard let order = orders[key] else {
            session.write(.error(TWSErrorMessage(id: key.orderID, code: 10147, text: "OrderId \(key.orderID) that needs to be cancelled is not found.")))
            return
        }
        guard !order.isDone else {
            session.write(.error(TWSErrorMessage(id: key.orderID, code: 161, text: "Cancel attempted when order is not in a cancellable state.  Order permId =\(order.permID)")))
            return
        }
        cancel(key, reason: "")
    }

    /// Cancels an order and, for a parent, its children.
    func cancel(_ key: OrderKey, reason: String) {
        guard var order = orders[key], !order.isDone else { return }
        order.status = "Cancelled"
        orders[key] = order
        report(key)
        writeToOwner(key.clientID, .error(TWSErrorMessage(id: key.orderID, code: 202, text: "Order Canceled - reason:\(reason)")))
        for child in orderSequence where child.clientID == key.clientID && orders[child]?.order.parentID == key.orderID {
            cancel(child, reason: "parent cancelled")
        }
    }

    /// Sends openOrder and orderStatus to every connection of the order's client id.
    func report(_ key: OrderKey) {
        guard let order = orders[key] else { return }
        writeToOwner(key.clientID, .openOrder(order.openOrder(contract: configuration.contract)))
        writeToOwner(key.clientID, .orderStatus(order.orderStatus))
    }

    func writeToOwner(_ clientID: Int, _ response: TWSResponse) {
        for session in sessions.values where session.clientID == clientID { session.write(response) }
    }

    /// Fills what the current book and the batch's prints allow.
    func match(trades: [Trade]) {
        for key in orderSequence {
            guard let order = orders[key], order.isWorking else { continue }
            let buy = order.order.action == .buy
            switch order.order.orderType {
            case "LMT":
                guard let limit = order.order.limitPrice else { continue }
                walk(key, buy: buy, limit: limit)
                for trade in trades where orders[key]?.isWorking ?? false {
                    let through = buy ? trade.price < limit : trade.price > limit
                    let at = trade.price == limit
                    guard through || at, let remaining = orders[key]?.remaining else { continue }
                    fill(key, through ? remaining : min(remaining, trade.size), at: limit)
                }
            case "STP":
                guard let stop = order.order.auxPrice else { continue }
                let triggered = trades.contains { $0.setsLast && (buy ? $0.price >= stop : $0.price <= stop) }
                if triggered { walk(key, buy: buy, limit: nil) }
            default:
                walk(key, buy: buy, limit: nil)
            }
        }
    }

    /// Takes liquidity from the replayed book up to `limit` (any price when nil). The replayed book
    /// is not consumed: the fill walks the levels as it would have at that moment.
    private func walk(_ key: OrderKey, buy: Bool, limit: Price?) {
        let levels = buy ? book.asks : book.bids
        for level in levels {
            guard let remaining = orders[key]?.remaining, remaining > 0 else { return }
            if let limit, buy ? level.price > limit : level.price < limit { return }
            fill(key, min(remaining, level.size), at: level.price)
        }
    }

    private func fill(_ key: OrderKey, _ shares: Int64, at price: Price) {
        guard shares > 0, var order = orders[key] else { return }
        let previousCommission = commission(for: order.filled)
        order.fill(shares, at: price)
        orders[key] = order
        let signed = order.order.action == .buy ? shares : -shares
        book(signed, at: price)
        let execID = "0000f00d.\(String(nextExecSequence, radix: 16)).01.01"
        nextExecSequence += 1
        let execution = TWSExecution(
            orderID: key.orderID, contract: configuration.contract, execID: execID,
            time: EasternTime.twsTime(date: configuration.sessionDate, time: clock), account: configuration.account,
            exchange: "NASDAQ", side: signed > 0 ? "BOT" : "SLD", shares: shares, price: price, permID: order.permID,
            clientID: key.clientID, cumulativeQuantity: order.filled, averagePrice: order.averagePrice ?? price,
            orderRef: order.order.orderRef)
        let report = TWSCommissionReport(
            execID: execID, commission: commission(for: order.filled) - previousCommission, currency: "USD",
            realizedPnL: nil)
        executions.append((execution, report))
        writeToOwner(key.clientID, .execution(reqID: -1, execution))
        writeToOwner(key.clientID, .commission(report))
        self.report(key)
        guard order.status == "Filled" else { return }
        // A filled parent releases its children; a filled child cancels its siblings (OCA).
        for other in orderSequence where other.clientID == key.clientID {
            guard var sibling = orders[other], !sibling.isDone else { continue }
            if sibling.order.parentID == key.orderID, sibling.status == "PreSubmitted" {
                sibling.status = "Submitted"
                orders[other] = sibling
                self.report(other)
            } else if order.order.parentID != 0, sibling.order.parentID == order.order.parentID, other != key {
                cancel(other, reason: "OCA group filled")
            } else if !order.order.ocaGroup.isEmpty, sibling.order.ocaGroup == order.order.ocaGroup, other != key {
                cancel(other, reason: "OCA group filled")
            }
        }
    }

    private func commission(for shares: Int64) -> Price {
        guard shares > 0 else { return .zero }
        return max(configuration.commissionPerShare * shares, configuration.minimumCommission)
    }

    /// Books a signed fill into the position, realizing P&L on the closing part.
    private func book(_ signed: Int64, at price: Price) {
        var quantity = signed
        if position != 0, (position > 0) != (quantity > 0) {
            let closing = min(abs(quantity), abs(position))
            let direction: Int64 = position > 0 ? 1 : -1
            let costOfClosed = abs(positionCost) * closing / abs(position)
            realizedPnL += (price.raw * closing - costOfClosed) * direction
            positionCost -= costOfClosed * direction
            position += position > 0 ? -closing : closing
            quantity += quantity > 0 ? -closing : closing
        }
        if quantity != 0 {
            position += quantity
            positionCost += price.raw * quantity
        }
        if position == 0 { positionCost = 0 }
    }
}
