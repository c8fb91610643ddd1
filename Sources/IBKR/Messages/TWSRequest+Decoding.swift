extension TWSRequest {
    /// Decodes a client's message on the server side; unknown ids become `other`.
    /// - Throws: `TWSProtocolError` naming the field that did not parse.
    public init(frame: TWSFrame, serverVersion: Int) throws {
        guard let id = frame.messageID else {
            throw TWSProtocolError.field(-1, 0, expected: "a message id", got: frame.fields.first)
        }
        var versioned = TWSFieldReader(frame, skipVersion: true)
        var plain = TWSFieldReader(frame)
        switch id {
        case 71:
            self = .startAPI(clientID: try versioned.int(), capabilities: versioned.optionalString() ?? "")
        case 8: self = .requestIDs
        case 1:
            let reqID = try versioned.int()
            let contract = try TWSContract.read(from: &versioned)
            if contract.secType == "BAG" { self = .other(frame); return }
            _ = try versioned.bool()  // delta-neutral contract flag; only for options
            self = .marketData(
                reqID: reqID, contract: contract, genericTicks: try versioned.string(),
                snapshot: try versioned.bool())
        case 2: self = .cancelMarketData(reqID: try versioned.int())
        case 59: self = .marketDataType(try versioned.int())
        case 10:
            let reqID = try versioned.int()
            let contract = try TWSContract.read(from: &versioned)
            self = .marketDepth(
                reqID: reqID, contract: contract, rows: try versioned.int(), smart: try versioned.bool())
        case 11:
            self = .cancelMarketDepth(reqID: try versioned.int(), smart: (try? versioned.bool()) ?? false)
        case 97:
            let reqID = try plain.int()
            let contract = try TWSContract.read(from: &plain)
            self = .tickByTick(
                reqID: reqID, contract: contract, tickType: try plain.string(), count: try plain.int(default: 0),
                ignoreSize: try plain.bool())
        case 98: self = .cancelTickByTick(reqID: try plain.int())
        case 20:
            let reqID = try plain.int()
            let contract = try TWSContract.read(from: &plain)
            _ = try plain.bool()  // includeExpired
            let end = try plain.string()
            let barSize = try plain.string()
            self = .historicalData(
                reqID: reqID, contract: contract, endDateTime: end, barSize: barSize, duration: try plain.string(),
                useRTH: try plain.bool(), whatToShow: try plain.string())
        case 25: self = .cancelHistoricalData(reqID: try versioned.int())
        case 9:
            let reqID = try versioned.int()
            self = .contractDetails(reqID: reqID, contract: try TWSContract.read(from: &versioned))
        case 3: self = try Self.decodePlaceOrder(frame)
        case 4:
            // From 192 the version field is gone; this server speaks at most 178.
            self = .cancelOrder(orderID: try versioned.int())
        case 58: self = .globalCancel
        case 5: self = .openOrders
        case 16: self = .allOpenOrders
        case 15: self = .autoOpenOrders(try versioned.bool())
        case 7:
            let reqID = try versioned.int()
            self = .executions(
                reqID: reqID, clientID: try versioned.int(default: 0), account: versioned.optionalString() ?? "",
                time: versioned.optionalString() ?? "", symbol: versioned.optionalString() ?? "")
        case 61: self = .positions
        case 64: self = .cancelPositions
        case 92: self = .pnl(reqID: try plain.int(), account: try plain.string())
        case 93: self = .cancelPnL(reqID: try plain.int())
        case 6: self = .accountUpdates(subscribe: try versioned.bool(), account: try versioned.string())
        case 76:
            self = .accountUpdatesMulti(
                reqID: try versioned.int(), account: try versioned.string(), modelCode: try versioned.string(),
                ledgerAndNLV: try versioned.bool())
        case 77: self = .cancelAccountUpdatesMulti(reqID: try versioned.int())
        case 99: self = .completedOrders(apiOnly: try plain.bool())
        case 49: self = .currentTime
        case 17: self = .managedAccounts
        case 82: self = .marketDepthExchanges
        default: self = .other(frame)
        }
    }

    /// Reads the fixed head of placeOrder (indices 1-34); the rest is bounded by the frame.
    private static func decodePlaceOrder(_ frame: TWSFrame) throws -> TWSRequest {
        var reader = TWSFieldReader(frame)
        let orderID = try reader.int()
        let contract = try TWSContract.read(from: &reader)
        try reader.skip(2)
        let actionText = try reader.string()
        guard let action = TWSOrder.Action(rawValue: actionText) else {
            throw TWSProtocolError.field(3, reader.index - 1, expected: "BUY or SELL", got: actionText)
        }
        let quantity = try reader.shares()
        let orderType = try reader.string()
        let limit = try reader.price()
        let aux = try reader.price()
        let tif = try reader.string()
        let oca = try reader.string()
        let account = try reader.string()
        try reader.skip(2)  // openClose, origin
        let orderRef = try reader.string()
        let transmit = try reader.bool()
        let parentID = try reader.int(default: 0)
        try reader.skip(4)  // blockOrder, sweepToFill, displaySize, triggerMethod
        let outsideRTH = try reader.bool()
        let order = TWSOrder(
            orderID: orderID, action: action, quantity: quantity, orderType: orderType, limitPrice: limit,
            auxPrice: aux, timeInForce: tif, ocaGroup: oca, account: account, orderRef: orderRef,
            transmit: transmit, parentID: parentID, outsideRegularHours: outsideRTH)
        return .placeOrder(order, contract)
    }
}
