import MarketData

extension TWSResponse {
    /// Decodes a server message for a connection at `serverVersion`; unknown ids become `other`.
    /// - Throws: `TWSProtocolError` naming the field that did not parse; never traps.
    public init(frame: TWSFrame, serverVersion: Int) throws {
        guard let id = frame.messageID else {
            throw TWSProtocolError.field(-1, 0, expected: "a message id", got: frame.fields.first)
        }
        var versioned = TWSFieldReader(frame, skipVersion: true)
        var plain = TWSFieldReader(frame)
        switch id {
        case 9: self = .nextValidID(try versioned.int())
        case 15:
            let accounts = try versioned.string().split(separator: ",").map { String($0.filter { $0 != " " }) }
            self = .managedAccounts(accounts.filter { !$0.isEmpty })
        case 4: self = .error(try Self.decodeError(frame, serverVersion: serverVersion))
        case 10: self = try Self.decodeContractDetails(frame, serverVersion: serverVersion)
        case 52: self = .contractDetailsEnd(reqID: try versioned.int())
        case 12, 13: self = .depth(try Self.decodeDepth(&versioned, l2: id == 13))
        case 99: self = try Self.decodeTickByTick(&plain)
        case 1:
            self = .tickPrice(
                reqID: try versioned.int(), tickType: try versioned.int(), price: try versioned.price(),
                size: try versioned.shares(), mask: try versioned.int(default: 0))
        case 2:
            self = .tickSize(reqID: try versioned.int(), tickType: try versioned.int(), size: try versioned.shares())
        case 45:
            self = .tickGeneric(reqID: try versioned.int(), tickType: try versioned.int(), value: try versioned.double())
        case 46:
            self = .tickString(reqID: try versioned.int(), tickType: try versioned.int(), value: try versioned.string())
        case 58: self = .marketDataType(reqID: try versioned.int(), type: try versioned.int())
        case 17: self = try Self.decodeHistoricalData(&plain)
        case 3: self = .orderStatus(try Self.decodeOrderStatus(&plain))
        case 5: self = .openOrder(try Self.decodeOpenOrder(frame, serverVersion: serverVersion))
        case 53: self = .openOrderEnd
        case 11:
            let reqID = try plain.int()
            self = .execution(reqID: reqID, try Self.decodeExecution(&plain))
        case 55: self = .executionsEnd(reqID: try versioned.int())
        case 59:
            let execID = try versioned.string()
            let commission = try versioned.price() ?? .zero
            let currency = try versioned.string()
            self = .commission(
                TWSCommissionReport(
                    execID: execID, commission: commission, currency: currency, realizedPnL: try versioned.price()))
        case 61:
            let account = try versioned.string()
            let contract = try TWSContract.readReply(from: &versioned)
            self = .position(
                TWSPosition(
                    account: account, contract: contract, position: try versioned.shares(),
                    averageCost: try versioned.price()))
        case 62: self = .positionEnd
        case 94:
            self = .pnl(
                reqID: try plain.int(), daily: try plain.double(), unrealized: try plain.double(),
                realized: try plain.double())
        case 49: self = .currentTime(try versioned.int64())
        case 6:
            self = .accountValue(
                key: try versioned.string(), value: try versioned.string(), currency: try versioned.string(),
                account: try versioned.string())
        case 8: self = .accountUpdateTime(try versioned.string())
        case 54: self = .accountDownloadEnd(account: try versioned.string())
        case 73:
            self = .accountUpdateMulti(
                reqID: try versioned.int(), account: try versioned.string(), modelCode: try versioned.string(),
                key: try versioned.string(), value: try versioned.string(), currency: try versioned.string())
        case 74: self = .accountUpdateMultiEnd(reqID: try versioned.int())
        case 102: self = .completedOrdersEnd
        default: self = .other(frame)
        }
    }

    private static func decodeError(_ frame: TWSFrame, serverVersion: Int) throws -> TWSErrorMessage {
        var reader = TWSFieldReader(frame, skipVersion: serverVersion < 194)
        let id = try reader.int(default: -1)
        let code = try reader.int()
        let text = unescape(try reader.string())
        let json = serverVersion >= 166 ? (reader.optionalString() ?? "") : ""
        return TWSErrorMessage(id: id, code: code, text: text, advancedOrderRejectJSON: json)
    }

    private static func decodeContractDetails(_ frame: TWSFrame, serverVersion: Int) throws -> TWSResponse {
        var reader = TWSFieldReader(frame, skipVersion: serverVersion < 164)
        let reqID = try reader.int()
        var contract = TWSContract(symbol: try reader.string())
        contract.secType = try reader.string()
        contract.lastTradeDate = try reader.string()
        contract.strike = try reader.string()
        contract.right = try reader.string()
        contract.exchange = try reader.string()
        contract.currency = try reader.string()
        contract.localSymbol = try reader.string()
        try reader.skip()  // marketName
        contract.tradingClass = try reader.string()
        contract.conId = try reader.int(default: 0)
        let minTick = try reader.double()
        if serverVersion < 164 { try reader.skip() }
        contract.multiplier = try reader.string()
        try reader.skip(4)  // orderTypes, validExchanges, priceMagnifier, underConId
        let longName = unescape(try reader.string())
        contract.primaryExchange = try reader.string()
        return .contractDetails(reqID: reqID, contract: contract, minTick: minTick, longName: longName)
    }

    private static func decodeDepth(_ reader: inout TWSFieldReader, l2: Bool) throws -> TWSDepthRow {
        let reqID = try reader.int()
        let position = try reader.int()
        let maker = l2 ? try reader.string() : nil
        let operationCode = try reader.int()
        guard let operation = TWSDepthRow.Operation(rawValue: operationCode) else {
            throw TWSProtocolError.field(reader.messageID, reader.index - 1, expected: "0, 1 or 2", got: String(operationCode))
        }
        let sideCode = try reader.int()
        guard sideCode == 0 || sideCode == 1 else {
            throw TWSProtocolError.field(reader.messageID, reader.index - 1, expected: "side 0 or 1", got: String(sideCode))
        }
        let price = try reader.price() ?? .zero
        let size = try reader.shares()
        let smart = l2 ? ((reader.isAtEnd ? false : try reader.bool())) : false
        return TWSDepthRow(
            reqID: reqID, position: position, marketMaker: maker, operation: operation,
            side: sideCode == 0 ? .ask : .bid, price: price, size: size, isSmartDepth: smart)
    }

    private static func decodeTickByTick(_ reader: inout TWSFieldReader) throws -> TWSResponse {
        let reqID = try reader.int()
        let tickType = try reader.int()
        let time = try reader.int64(default: 0)
        switch tickType {
        case 1, 2:
            let price = try reader.price() ?? .zero
            let size = try reader.shares()
            let mask = try reader.int(default: 0)
            return .tickByTickLast(
                TWSLastTick(
                    reqID: reqID, tickType: tickType, time: time, price: price, size: size, pastLimit: mask & 1 != 0,
                    unreported: mask & 2 != 0, exchange: try reader.string(),
                    specialConditions: reader.optionalString() ?? ""))
        case 3:
            let bid = try reader.price() ?? .zero
            let ask = try reader.price() ?? .zero
            return .tickByTickBidAsk(
                TWSBidAskTick(
                    reqID: reqID, time: time, bid: bid, ask: ask, bidSize: try reader.shares(),
                    askSize: try reader.shares()))
        case 4:
            return .tickByTickMidPoint(reqID: reqID, time: time, midPoint: try reader.price())
        default:
            throw TWSProtocolError.field(99, 2, expected: "tick type 1 to 4", got: String(tickType))
        }
    }

    private static func decodeHistoricalData(_ reader: inout TWSFieldReader) throws -> TWSResponse {
        let reqID = try reader.int()
        let start = try reader.string()
        let end = try reader.string()
        let count = try reader.int()
        guard count >= 0, count <= reader.remaining / 8 else {
            throw TWSProtocolError.field(17, reader.index - 1, expected: "a bar count that fits", got: String(count))
        }
        var bars: [TWSBar] = []
        for _ in 0..<count {
            let date = try reader.string()
            let open = try reader.price() ?? .zero
            let high = try reader.price() ?? .zero
            let low = try reader.price() ?? .zero
            let close = try reader.price() ?? .zero
            let volume = try reader.shares()
            try reader.skip()  // wap
            bars.append(
                TWSBar(
                    date: date, open: open, high: high, low: low, close: close, volume: volume,
                    barCount: try reader.int(default: 0)))
        }
        return .historicalData(reqID: reqID, start: start, end: end, bars: bars)
    }

    private static func decodeOrderStatus(_ reader: inout TWSFieldReader) throws -> TWSOrderStatus {
        TWSOrderStatus(
            orderID: try reader.int(), status: try reader.string(), filled: try reader.shares(),
            remaining: try reader.shares(), averageFillPrice: try reader.price(), permID: try reader.int64(default: 0),
            parentID: try reader.int(default: 0), lastFillPrice: try reader.price(), clientID: try reader.int(default: 0),
            whyHeld: reader.optionalString() ?? "")
    }

    private static func decodeExecution(_ reader: inout TWSFieldReader) throws -> TWSExecution {
        let orderID = try reader.int(default: 0)
        let contract = try TWSContract.readReply(from: &reader)
        let execID = try reader.string()
        let time = try reader.string()
        let account = try reader.string()
        let exchange = try reader.string()
        let side = try reader.string()
        let shares = try reader.shares()
        let price = try reader.price() ?? .zero
        let permID = try reader.int64(default: 0)
        let clientID = try reader.int(default: 0)
        try reader.skip()  // liquidation
        let cumulative = try reader.shares()
        let average = try reader.price() ?? .zero
        return TWSExecution(
            orderID: orderID, contract: contract, execID: execID, time: time, account: account, exchange: exchange,
            side: side, shares: shares, price: price, permID: permID, clientID: clientID,
            cumulativeQuantity: cumulative, averagePrice: average, orderRef: reader.optionalString() ?? "")
    }

    /// Text from server version 153 escapes non-ASCII as `\uXXXX`.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\u") else { return text }
        var result = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "\\", scalars.count >= 6, scalars.dropFirst().first == "u",
                let code = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16),
                let decoded = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(decoded)
                scalars = scalars.dropFirst(6)
            } else {
                result.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
        }
        return result
    }
}
