import MarketData

extension TWSGateway {
    func handle(_ request: TWSRequest, from id: Int) {
        guard let session = sessions[id] else { return }
        switch request {
        case .startAPI(let clientID, _):
            sessions[id]?.clientID = clientID
            if sessions.values.contains(where: { $0.clientID == clientID && $0.channel !== session.channel }) {
                session.write(.error(TWSErrorMessage(id: -1, code: 326, text: "Unable to connect as the client id is already in use. Retry with a unique client id.")))
                session.channel.close(promise: nil)
                return
            }
            session.write(.managedAccounts([configuration.account]))
            session.write(.nextValidID(nextOrderID))
            for (code, text) in [(2104, "Market data farm connection is OK:usfarm"), (2106, "HMDS data farm connection is OK:ushmds"), (2158, "Sec-def data farm connection is OK:secdefnj")] {
                session.write(.error(TWSErrorMessage(id: -1, code: code, text: text)))
            }
        case .requestIDs:
            session.write(.nextValidID(nextOrderID))
        case .managedAccounts:
            session.write(.managedAccounts([configuration.account]))
        case .positions:
            sessions[id]?.positions = true
            session.write(.position(desk.position))
            session.write(.positionEnd)
        case .openOrders, .allOpenOrders:
            let all = request == .allOpenOrders
            for key in desk.sequence {
                guard let order = desk.orders[key], !order.isDone, all || key.clientID == session.clientID else { continue }
                session.write(.openOrder(order.openOrder(contract: configuration.contract)))
                session.write(.orderStatus(order.orderStatus))
            }
            session.write(.openOrderEnd)
        case .completedOrders:
            session.write(.completedOrdersEnd)
        case .accountUpdates(let subscribe, _):
            guard subscribe else { return }
            for (key, value) in desk.accountValues {
                session.write(.accountValue(key: key, value: value, currency: "USD", account: configuration.account))
            }
            session.write(.accountUpdateTime(String(clock.clock.prefix(5))))
            session.write(.accountDownloadEnd(account: configuration.account))
        case .accountUpdatesMulti(let reqID, _, let modelCode, _):
            for (key, value) in desk.accountValues {
                session.write(.accountUpdateMulti(reqID: reqID, account: configuration.account, modelCode: modelCode, key: key, value: value, currency: "USD"))
            }
            session.write(.accountUpdateMultiEnd(reqID: reqID))
        case .executions(let reqID, let clientID, _, _, _):
            for (execution, commission) in desk.executions where clientID == 0 || execution.clientID == clientID {
                session.write(.execution(reqID: reqID, execution))
                session.write(.commission(commission))
            }
            session.write(.executionsEnd(reqID: reqID))
        case .contractDetails(let reqID, let contract):
            guard desk.covers(contract) else { return rejectContract(reqID, session) }
            session.write(.contractDetails(reqID: reqID, contract: configuration.contract, minTick: 0.01, longName: configuration.symbol))
            session.write(.contractDetailsEnd(reqID: reqID))
        case .marketData(let reqID, let contract, let genericTicks, let snapshot):
            guard desk.covers(contract) else { return rejectContract(reqID, session) }
            if !snapshot { sessions[id]?.marketData.insert(reqID) }
            sendMarketDataSnapshot(reqID, genericTicks: genericTicks, to: session)
        case .cancelMarketData(let reqID):
            sessions[id]?.marketData.remove(reqID)
        case .marketDepth(let reqID, let contract, let rows, let smart):
            guard desk.covers(contract) else { return rejectContract(reqID, session) }
            sessions[id]?.depth[reqID] = GatewaySession.DepthSubscription(rows: max(1, min(rows, 50)), smart: smart)
            publishDepth(session: id)
        case .cancelMarketDepth(let reqID, _):
            sessions[id]?.depth[reqID] = nil
        case .tickByTick(let reqID, let contract, let tickType, _, _):
            guard desk.covers(contract) else { return rejectContract(reqID, session) }
            guard ["Last", "AllLast", "BidAsk", "MidPoint"].contains(tickType) else {
                session.write(.error(TWSErrorMessage(id: reqID, code: 321, text: "Error validating request:-'bQ' : cause - Unknown tick type \(tickType)")))
                return
            }
            sessions[id]?.tickByTick[reqID] = tickType
        case .cancelTickByTick(let reqID):
            sessions[id]?.tickByTick[reqID] = nil
        case .historicalData(let reqID, let contract, _, let barSize, _, _, _):
            guard desk.covers(contract) else { return rejectContract(reqID, session) }
            guard configuration.servesDailyBars else {
                session.write(.error(TWSErrorMessage(id: reqID, code: 162, text: "Historical Market Data Service error message:No market data permissions for NASDAQ STK")))
                return
            }
            guard barSize == "1 day" else {
                session.write(.error(TWSErrorMessage(id: reqID, code: 162, text: "Historical Market Data Service error message:the simulated gateway serves 1 day bars only")))
                return
            }
            session.write(.historicalData(reqID: reqID, start: "", end: "", bars: dailyBars()))
        case .placeOrder(let order, let contract):
            placeOrder(order, contract, session: id)
        case .cancelOrder(let orderID):
            cancelOrder(orderID, session: id)
        case .globalCancel:
            cancelAllOrders()
        case .pnl(let reqID, _):
            let pnl = desk.pnl
            session.write(.pnl(reqID: reqID, daily: pnl.daily, unrealized: pnl.unrealized, realized: pnl.realized))
        case .cancelPositions:
            sessions[id]?.positions = false
        case .currentTime:
            session.write(.currentTime(EasternTime.epochSeconds(date: configuration.sessionDate, time: clock)))
        case .marketDepthExchanges:
            session.write(.marketDepthExchanges(["NASDAQ"]))
        case .marketDataType, .autoOpenOrders, .cancelPnL, .cancelHistoricalData,
            .cancelAccountUpdatesMulti, .other:
            break
        }
    }

    private func rejectContract(_ reqID: Int, _ session: GatewaySession) {
        session.write(.error(TWSErrorMessage(id: reqID, code: 200, text: "No security definition has been found for the request")))
    }

    private func sendMarketDataSnapshot(_ reqID: Int, genericTicks: String, to session: GatewaySession) {
        session.write(.marketDataType(reqID: reqID, type: 1))
        if let bid = desk.exchange.book.bestBid { session.write(.tickPrice(reqID: reqID, tickType: 1, price: bid.price, size: bid.size, mask: 0)) }
        if let ask = desk.exchange.book.bestAsk { session.write(.tickPrice(reqID: reqID, tickType: 2, price: ask.price, size: ask.size, mask: 0)) }
        if let last = lastTradePrice { session.write(.tickPrice(reqID: reqID, tickType: 4, price: last, size: 0, mask: 0)) }
        // TWS counts both volumes of a US stock in hundreds of shares.
        session.write(.tickSize(reqID: reqID, tickType: 8, size: Self.volumeLots(dayVolume)))
        if genericTicks.split(separator: ",").contains("165") {
            session.write(.tickSize(reqID: reqID, tickType: 21, size: Self.volumeLots(configuration.averageDailyVolume)))
        }
    }

    /// `shares` in hundreds, rounded to the nearest, as ticks 8 and 21 carry them.
    static func volumeLots(_ shares: Int64) -> Int64 {
        (shares + IBKRConnection.sharesPerVolumeLot / 2) / IBKRConnection.sharesPerVolumeLot
    }

    /// Thirty daily bars before the session, each with the configured average volume: what RVOL needs.
    private func dailyBars() -> [TWSBar] {
        let close = lastTradePrice ?? desk.exchange.book.bestBid?.price ?? Price(cents: 10_000)
        var bars: [TWSBar] = []
        var day = EasternTime.daysFromCivil(configuration.sessionDate.year, configuration.sessionDate.month, configuration.sessionDate.day)
        while bars.count < 30 {
            day -= 1
            let weekday = ((day % 7) + 11) % 7
            guard weekday != 0, weekday != 6 else { continue }
            let date = EasternTime.civilFromDays(day).description.filter { $0 != "-" }
            bars.append(TWSBar(date: String(date), open: close, high: close, low: close, close: close, volume: configuration.averageDailyVolume, barCount: 1))
        }
        return bars.reversed()
    }
}

extension TWSGateway {
    /// Sends a system notice to every client, as TWS does when its link to IB drops (1100) or comes
    /// back (1101 with data lost, 1102 with data kept). On 1101 every market-data subscription is
    /// dropped, as at TWS: clients must subscribe again.
    public func broadcastNotice(code: Int, text: String) {
        for id in sessions.keys {
            if code == 1101 {
                sessions[id]?.depth.removeAll()
                sessions[id]?.tickByTick.removeAll()
                sessions[id]?.marketData.removeAll()
            }
            sessions[id]?.write(.error(TWSErrorMessage(id: -1, code: code, text: text)))
        }
    }

    /// Market-data subscriptions (depth, tick-by-tick, top of book) open across all clients.
    public var subscriptionCount: Int {
        sessions.values.reduce(0) { $0 + $1.depth.count + $1.tickByTick.count + $1.marketData.count }
    }
}
