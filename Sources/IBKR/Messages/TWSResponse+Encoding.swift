import MarketData

extension TWSResponse {
    /// The frame as TWS at `serverVersion` (157...178) writes it; layouts must match exactly, as
    /// third-party clients unpack several messages by position.
    public func frame(serverVersion: Int) -> TWSFrame {
        switch self {
        case .nextValidID(let id): return Self.make(9, 1, [String(id)])
        case .managedAccounts(let accounts): return Self.make(15, 1, [accounts.joined(separator: ",")])
        case .error(let error):
            var fields = [String(error.id), String(error.code), error.text]
            if serverVersion >= 166 { fields.append(error.advancedOrderRejectJSON) }
            return Self.make(4, 2, fields)
        case .contractDetails(let reqID, let contract, let minTick, let longName):
            return Self.contractDetailsFrame(reqID, contract, minTick, longName, serverVersion)
        case .contractDetailsEnd(let reqID): return Self.make(52, 1, [String(reqID)])
        case .depth(let row):
            var out = TWSFieldWriter(row.marketMaker == nil ? 12 : 13)
            out.add(1)
            out.add(row.reqID)
            out.add(row.position)
            if let maker = row.marketMaker { out.add(maker) }
            out.add(row.operation.rawValue)
            out.add(row.side == .ask ? 0 : 1)
            out.add(row.price)
            out.add(row.size)
            if row.marketMaker != nil { out.add(row.isSmartDepth) }
            return out.frame
        case .tickByTickLast(let tick):
            var out = TWSFieldWriter(99)
            out.add(tick.reqID)
            out.add(tick.tickType)
            out.add(tick.time)
            out.add(tick.price)
            out.add(tick.size)
            out.add((tick.pastLimit ? 1 : 0) | (tick.unreported ? 2 : 0))
            out.add(tick.exchange)
            out.add(tick.specialConditions)
            return out.frame
        case .tickByTickBidAsk(let tick):
            var out = TWSFieldWriter(99)
            out.add(tick.reqID)
            out.add(3)
            out.add(tick.time)
            out.add(tick.bid)
            out.add(tick.ask)
            out.add(tick.bidSize)
            out.add(tick.askSize)
            out.add(0)
            return out.frame
        case .tickByTickMidPoint(let reqID, let time, let midPoint):
            var out = TWSFieldWriter(99)
            out.add(reqID)
            out.add(4)
            out.add(time)
            out.add(midPoint)
            return out.frame
        case .tickPrice(let reqID, let tickType, let price, let size, let mask):
            var out = TWSFieldWriter(1)
            out.add(6)
            out.add(reqID)
            out.add(tickType)
            out.add(price)
            out.add(size)
            out.add(mask)
            return out.frame
        case .tickSize(let reqID, let tickType, let size):
            return Self.make(2, 6, [String(reqID), String(tickType), String(size)])
        case .tickGeneric(let reqID, let tickType, let value):
            var out = TWSFieldWriter(45)
            out.add(6)
            out.add(reqID)
            out.add(tickType)
            out.add(double: value)
            return out.frame
        case .tickString(let reqID, let tickType, let value):
            return Self.make(46, 6, [String(reqID), String(tickType), value])
        case .marketDataType(let reqID, let type): return Self.make(58, 1, [String(reqID), String(type)])
        case .historicalData(let reqID, let start, let end, let bars):
            var out = TWSFieldWriter(17)
            out.add(reqID)
            out.add(start)
            out.add(end)
            out.add(bars.count)
            for bar in bars {
                out.add(bar.date)
                out.add(bar.open)
                out.add(bar.high)
                out.add(bar.low)
                out.add(bar.close)
                out.add(bar.volume)
                out.add(bar.close)  // wap: unknown in replay, the close is the honest stand-in
                out.add(bar.barCount)
            }
            return out.frame
        case .orderStatus(let status):
            var out = TWSFieldWriter(3)
            out.add(status.orderID)
            out.add(status.status)
            out.add(status.filled)
            out.add(status.remaining)
            out.add(status.averageFillPrice ?? .zero)
            out.add(status.permID)
            out.add(status.parentID)
            out.add(status.lastFillPrice ?? .zero)
            out.add(status.clientID)
            out.add(status.whyHeld)
            out.add(0)
            return out.frame
        case .openOrder(let open): return Self.openOrderFrame(open, serverVersion: serverVersion)
        case .openOrderEnd: return Self.make(53, 1, [])
        case .execution(let reqID, let execution):
            return Self.executionFrame(reqID, execution, serverVersion: serverVersion)
        case .executionsEnd(let reqID): return Self.make(55, 1, [String(reqID)])
        case .commission(let report):
            var out = TWSFieldWriter(59)
            out.add(1)
            out.add(report.execID)
            out.add(report.commission)
            out.add(report.currency)
            out.add(report.realizedPnL.map(TWSFieldWriter.format) ?? "1.7976931348623157E308")
            out.add("1.7976931348623157E308")
            out.add("")
            return out.frame
        case .position(let position):
            var out = TWSFieldWriter(61)
            out.add(3)
            out.add(position.account)
            position.contract.writeReply(to: &out)
            out.add(position.position)
            out.add(position.averageCost ?? .zero)
            return out.frame
        case .positionEnd: return Self.make(62, 1, [])
        case .pnl(let reqID, let daily, let unrealized, let realized):
            var out = TWSFieldWriter(94)
            out.add(reqID)
            out.add(double: daily)
            out.add(double: unrealized)
            out.add(double: realized)
            return out.frame
        case .currentTime(let seconds): return Self.make(49, 1, [String(seconds)])
        case .accountValue(let key, let value, let currency, let account):
            return Self.make(6, 2, [key, value, currency, account])
        case .accountUpdateTime(let time): return Self.make(8, 1, [time])
        case .accountDownloadEnd(let account): return Self.make(54, 1, [account])
        case .accountUpdateMulti(let reqID, let account, let modelCode, let key, let value, let currency):
            return Self.make(73, 1, [String(reqID), account, modelCode, key, value, currency])
        case .accountUpdateMultiEnd(let reqID): return Self.make(74, 1, [String(reqID)])
        case .completedOrdersEnd: return TWSFrame(fields: ["102"])
        case .marketDepthExchanges(let venues):
            var fields = ["80", String(venues.count)]
            for venue in venues { fields += [venue, "STK", "", "Deep2", "1"] }
            return TWSFrame(fields: fields)
        case .other(let frame): return frame
        }
    }

    private static func make(_ id: Int, _ version: Int, _ rest: [String]) -> TWSFrame {
        TWSFrame(fields: [String(id), String(version)] + rest)
    }

    private static func executionFrame(_ reqID: Int, _ execution: TWSExecution, serverVersion: Int) -> TWSFrame {
        var out = TWSFieldWriter(11)
        out.add(reqID)
        out.add(execution.orderID)
        execution.contract.writeReply(to: &out)
        out.add(execution.execID)
        out.add(execution.time)
        out.add(execution.account)
        out.add(execution.exchange)
        out.add(execution.side)
        out.add(execution.shares)
        out.add(execution.price)
        out.add(execution.permID)
        out.add(execution.clientID)
        out.add(0)  // liquidation
        out.add(execution.cumulativeQuantity)
        out.add(execution.averagePrice)
        out.add(execution.orderRef)
        out.addEmpty(3)  // evRule, evMultiplier, modelCode
        out.add(0)  // lastLiquidity
        if serverVersion >= 178 { out.add(false) }  // pendingPriceRevision
        return out.frame
    }

    private static func contractDetailsFrame(
        _ reqID: Int, _ contract: TWSContract, _ minTick: Double?, _ longName: String, _ serverVersion: Int
    ) -> TWSFrame {
        var out = TWSFieldWriter(10)
        if serverVersion < 164 { out.add(8) }
        out.add(reqID)
        out.add(contract.symbol)
        out.add(contract.secType)
        out.add(contract.lastTradeDate)
        out.add(contract.strike.isEmpty ? "0" : contract.strike)
        out.add(contract.right)
        out.add(contract.exchange)
        out.add(contract.currency)
        out.add(contract.localSymbol.isEmpty ? contract.symbol : contract.localSymbol)
        out.add("NMS")  // marketName
        out.add(contract.tradingClass.isEmpty ? contract.symbol : contract.tradingClass)
        out.add(contract.conId)
        out.add(double: minTick)
        if serverVersion < 164 { out.add(1) }  // mdSizeMultiplier
        out.add(contract.multiplier)
        out.add("LMT,MKT,STP,STPLMT")  // orderTypes
        out.add("SMART,NASDAQ,ARCA,BATS,IEX")  // validExchanges
        out.add(1)  // priceMagnifier
        out.add(0)  // underConId
        out.add(longName)
        out.add(contract.primaryExchange)
        out.addEmpty(4)  // contractMonth, industry, category, subcategory
        out.add("US/Eastern")
        out.add("")  // tradingHours
        out.add("")  // liquidHours
        out.addEmpty(2)  // evRule, evMultiplier
        out.add(0)  // secIdList count
        out.add(1)  // aggGroup
        out.addEmpty(2)  // underSymbol, underSecType
        out.add("26")  // marketRuleIds
        out.add("")  // realExpirationDate
        out.add("COMMON")
        if serverVersion >= 164 {
            out.add(1)  // minSize
            out.add(1)  // sizeIncrement
            out.add(100)  // suggestedSizeIncrement
        }
        return out.frame
    }
}
