extension TWSRequest {
    /// The frame for a server that negotiated `serverVersion` (157...178).
    public func frame(serverVersion: Int) -> TWSFrame {
        var out = TWSFieldWriter(messageID)
        switch self {
        case .startAPI(let clientID, let capabilities):
            out.add(2)
            out.add(clientID)
            out.add(capabilities)
        case .requestIDs:
            out.add(1)
            out.add(1)
        case .marketData(let reqID, let contract, let genericTicks, let snapshot):
            out.add(11)
            out.add(reqID)
            contract.write(to: &out)
            out.add(false)
            out.add(genericTicks)
            out.add(snapshot)
            out.add(false)
            out.add("")
        case .cancelMarketData(let reqID):
            out.add(2)
            out.add(reqID)
        case .marketDataType(let type):
            out.add(1)
            out.add(type)
        case .marketDepth(let reqID, let contract, let rows, let smart):
            out.add(5)
            out.add(reqID)
            contract.write(to: &out)
            out.add(rows)
            out.add(smart)
            out.add("")
        case .cancelMarketDepth(let reqID, let smart):
            out.add(1)
            out.add(reqID)
            out.add(smart)
        case .tickByTick(let reqID, let contract, let tickType, let count, let ignoreSize):
            out.add(reqID)
            contract.write(to: &out)
            out.add(tickType)
            out.add(count)
            out.add(ignoreSize)
        case .cancelTickByTick(let reqID):
            out.add(reqID)
        case .historicalData(let reqID, let contract, let end, let barSize, let duration, let useRTH, let show):
            out.add(reqID)
            contract.write(to: &out)
            out.add(false)
            out.add(end)
            out.add(barSize)
            out.add(duration)
            out.add(useRTH)
            out.add(show)
            out.add(1)
            out.add(false)
            out.add("")
        case .cancelHistoricalData(let reqID):
            out.add(1)
            out.add(reqID)
        case .contractDetails(let reqID, let contract):
            out.add(8)
            out.add(reqID)
            contract.write(to: &out)
            out.add(false)
            out.add("")
            out.add("")
            if serverVersion >= 176 { out.add("") }
        case .placeOrder(let order, let contract):
            Self.writePlaceOrder(order, contract, serverVersion: serverVersion, to: &out)
        case .cancelOrder(let orderID):
            out.add(1)
            out.add(orderID)
            if serverVersion >= 169 { out.add("") }
        case .globalCancel, .openOrders, .allOpenOrders, .positions, .cancelPositions, .currentTime,
            .managedAccounts:
            out.add(1)
        case .autoOpenOrders(let bind):
            out.add(1)
            out.add(bind)
        case .executions(let reqID, let clientID, let account, let time, let symbol):
            out.add(3)
            out.add(reqID)
            out.add(clientID)
            out.add(account)
            out.add(time)
            out.add(symbol)
            out.addEmpty(3)
        case .pnl(let reqID, let account):
            out.add(reqID)
            out.add(account)
            out.add("")
        case .cancelPnL(let reqID):
            out.add(reqID)
        case .accountUpdates(let subscribe, let account):
            out.add(2)
            out.add(subscribe)
            out.add(account)
        case .accountUpdatesMulti(let reqID, let account, let modelCode, let ledgerAndNLV):
            out.add(1)
            out.add(reqID)
            out.add(account)
            out.add(modelCode)
            out.add(ledgerAndNLV)
        case .cancelAccountUpdatesMulti(let reqID):
            out.add(1)
            out.add(reqID)
        case .completedOrders(let apiOnly):
            out.add(apiOnly)
        case .marketDepthExchanges:
            break
        case .other(let frame):
            return frame
        }
        return out.frame
    }

    /// placeOrder at 157...178: 114 fields at 177-178 (TWS-PROTOCOL.md 3.1), everything but the
    /// agent's fields unset.
    private static func writePlaceOrder(
        _ order: TWSOrder, _ contract: TWSContract, serverVersion: Int, to out: inout TWSFieldWriter
    ) {
        out.add(order.orderID)
        contract.write(to: &out)
        out.addEmpty(2)  // secIdType, secId
        out.add(order.action.rawValue)
        out.add(order.quantity)
        out.add(order.orderType)
        out.add(order.limitPrice)
        out.add(order.auxPrice)
        out.add(order.timeInForce)
        out.add(order.ocaGroup)
        out.add(order.account)
        out.add("")  // openClose
        out.add(0)  // origin: customer
        out.add(order.orderRef)
        out.add(order.transmit)
        out.add(order.parentID)
        out.add(false)  // blockOrder
        out.add(false)  // sweepToFill
        out.add(0)  // displaySize
        out.add(0)  // triggerMethod
        out.add(order.outsideRegularHours)
        out.add(false)  // hidden
        out.add("")  // deprecated sharesAllocation
        out.add(0)  // discretionaryAmt
        out.addEmpty(5)  // goodAfterTime, goodTillDate, faGroup, faMethod, faPercentage
        if serverVersion < 177 { out.add("") }  // faProfile
        out.add("")  // modelCode
        out.add(0)  // shortSaleSlot
        out.add("")  // designatedLocation
        out.add(-1)  // exemptCode
        out.add(0)  // ocaType
        out.addEmpty(2)  // rule80A, settlingFirm
        out.add(false)  // allOrNone
        out.addEmpty(2)  // minQty, percentOffset
        out.add(false)  // eTradeOnly
        out.add(false)  // firmQuoteOnly
        out.add("")  // nbboPriceCap
        out.add(0)  // auctionStrategy
        out.addEmpty(5)  // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper
        out.add(false)  // overridePercentageConstraints
        out.addEmpty(4)  // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice
        out.add(false)  // continuousUpdate
        out.addEmpty(6)  // referencePriceType, trailStopPrice, trailingPercent, 3 scale fields
        out.addEmpty(4)  // scaleTable, activeStartTime, activeStopTime, hedgeType
        out.add(false)  // optOutSmartRouting
        out.addEmpty(2)  // clearingAccount, clearingIntent
        out.add(false)  // notHeld
        out.add(false)  // deltaNeutralContract present
        out.add("")  // algoStrategy
        out.add("")  // algoId
        out.add(false)  // whatIf
        out.add("")  // miscOptions
        out.add(false)  // solicited
        out.add(false)  // randomizeSize
        out.add(false)  // randomizePrice
        out.add(0)  // conditions
        out.addEmpty(6)  // adjustedOrderType ... adjustedTrailingAmount
        out.add(0)  // adjustableTrailingUnit
        out.addEmpty(4)  // extOperator, softDollarTier name and value, cashQty
        out.addEmpty(4)  // mifid2 fields
        out.add(false)  // dontUseAutoPriceForHedge
        out.add(false)  // isOmsContainer
        out.add(false)  // discretionaryUpToLimitPrice
        out.add("")  // usePriceMgmtAlgo
        if serverVersion >= 158 { out.add("") }  // duration
        if serverVersion >= 160 { out.add("") }  // postToAts
        if serverVersion >= 162 { out.add(false) }  // autoCancelParent
        if serverVersion >= 166 { out.add("") }  // advancedErrorOverride
        if serverVersion >= 169 { out.add("") }  // manualOrderTime
    }
}
