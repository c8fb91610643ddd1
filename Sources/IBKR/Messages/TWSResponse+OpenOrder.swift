import MarketData

extension TWSResponse {
    /// openOrder at 157...178 for a plain LMT/STP/MKT order: every group present and empty, so
    /// that ib_async and the official client unpack it (TWS-PROTOCOL.md 3.3).
    static func openOrderFrame(_ open: TWSOpenOrder, serverVersion: Int) -> TWSFrame {
        let order = open.order
        var out = TWSFieldWriter(5)
        out.add(order.orderID)
        open.contract.writeReply(to: &out)
        out.add(order.action.rawValue)
        out.add(order.quantity)
        out.add(order.orderType)
        // Unset prices as TWS writes them: the maximum double.
        out.add(order.limitPrice.map(TWSFieldWriter.format) ?? "1.7976931348623157E308")
        out.add(order.auxPrice.map(TWSFieldWriter.format) ?? "1.7976931348623157E308")
        out.add(order.timeInForce)
        out.add(order.ocaGroup)
        out.add(order.account)
        out.add("O")  // openClose
        out.add(0)  // origin
        out.add(order.orderRef)
        out.add(open.clientID)
        out.add(open.permID)
        out.add(order.outsideRegularHours)
        out.add(false)  // hidden
        out.add(0)  // discretionaryAmt
        out.add("")  // goodAfterTime
        out.add("")  // deprecated sharesAllocation
        out.addEmpty(3)  // faGroup, faMethod, faPercentage
        if serverVersion < 177 { out.add("") }  // faProfile
        out.addEmpty(5)  // modelCode, goodTillDate, rule80A, percentOffset, settlingFirm
        out.add(0)  // shortSaleSlot
        out.add("")  // designatedLocation
        out.add(-1)  // exemptCode
        out.add(0)  // auctionStrategy
        out.addEmpty(6)  // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper, displaySize
        out.add(false)  // blockOrder
        out.add(false)  // sweepToFill
        out.add(false)  // allOrNone
        out.add("")  // minQty
        out.add(order.ocaGroup.isEmpty ? 0 : 3)  // ocaType
        out.add(false)  // eTradeOnly
        out.add(false)  // firmQuoteOnly
        out.add("")  // nbboPriceCap
        out.add(order.parentID)
        out.add(0)  // triggerMethod
        out.add("")  // volatility
        out.add(0)  // volatilityType
        out.addEmpty(2)  // deltaNeutralOrderType (empty: no delta-neutral group), deltaNeutralAuxPrice
        out.add(false)  // continuousUpdate
        out.add(0)  // referencePriceType
        out.addEmpty(5)  // trailStopPrice, trailingPercent, basisPoints, basisPointsType, comboLegsDescrip
        out.add(0)  // combo legs
        out.add(0)  // order combo legs
        out.add(0)  // smart combo routing params
        out.addEmpty(3)  // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement (unset: no scale group)
        out.add("")  // hedgeType (empty: no hedgeParam)
        out.add(false)  // optOutSmartRouting
        out.addEmpty(2)  // clearingAccount, clearingIntent
        out.add(false)  // notHeld
        out.add(false)  // delta-neutral contract present
        out.add("")  // algoStrategy (empty: no params)
        out.add(false)  // solicited
        out.add(false)  // whatIf
        out.add(open.status)
        out.addEmpty(14)  // margin and commission preview fields, warningText
        out.add(false)  // randomizeSize
        out.add(false)  // randomizePrice
        out.add(0)  // conditions
        out.addEmpty(7)  // adjustedOrderType ... adjustedTrailingAmount
        out.add(0)  // adjustableTrailingUnit
        out.addEmpty(4)  // softDollarTier name, value, display name; cashQty
        out.add(false)  // dontUseAutoPriceForHedge
        out.add(false)  // isOmsContainer
        out.add(false)  // discretionaryUpToLimitPrice
        out.add(false)  // usePriceMgmtAlgo
        if serverVersion >= 159 { out.add("") }  // duration
        if serverVersion >= 160 { out.add("") }  // postToAts
        if serverVersion >= 162 { out.add(false) }  // autoCancelParent
        if serverVersion >= 170 { out.addEmpty(5) }  // minTradeQty ... midOffsetAtHalf
        return out.frame
    }

    /// Reads the head of openOrder and walks the variable groups up to the status; the frame
    /// bounds the rest, which is skipped.
    static func decodeOpenOrder(_ frame: TWSFrame, serverVersion: Int) throws -> TWSOpenOrder {
        var reader = TWSFieldReader(frame)
        let orderID = try reader.int()
        let contract = try TWSContract.readReply(from: &reader)
        let actionText = try reader.string()
        guard let action = TWSOrder.Action(rawValue: actionText) else {
            throw TWSProtocolError.field(5, reader.index - 1, expected: "BUY or SELL", got: actionText)
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
        let clientID = try reader.int(default: 0)
        let permID = try reader.int64(default: 0)
        let outsideRTH = try reader.bool()
        try reader.skip(7 + (serverVersion < 177 ? 1 : 0))
        try reader.skip(23)  // modelCode ... nbboPriceCap
        let parentID = try reader.int(default: 0)
        try reader.skip(3)  // triggerMethod, volatility, volatilityType
        if try !reader.string().isEmpty { try reader.skip(1 + 8) } else { try reader.skip(1) }
        try reader.skip(7)  // continuousUpdate ... comboLegsDescrip
        try reader.skip(8 * (try count(&reader)))
        try reader.skip(try count(&reader))
        try reader.skip(2 * (try count(&reader)))
        try reader.skip(2)  // scaleInitLevelSize, scaleSubsLevelSize
        if let increment = try reader.double(), increment > 0 { try reader.skip(7) }
        if try !reader.string().isEmpty { try reader.skip(1) }  // hedgeType, hedgeParam
        try reader.skip(4)  // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
        if try reader.bool() { try reader.skip(3) }  // delta-neutral contract
        if try !reader.string().isEmpty { try reader.skip(2 * (try count(&reader))) }  // algo params
        try reader.skip(2)  // solicited, whatIf
        let status = try reader.string()
        let order = TWSOrder(
            orderID: orderID, action: action, quantity: quantity, orderType: orderType, limitPrice: limit,
            auxPrice: aux, timeInForce: tif, ocaGroup: oca, account: account, orderRef: orderRef, transmit: true,
            parentID: parentID, outsideRegularHours: outsideRTH)
        return TWSOpenOrder(order: order, contract: contract, clientID: clientID, permID: permID, status: status)
    }

    /// A repeat count, bounded by what is left of the frame so a bad count cannot loop long.
    private static func count(_ reader: inout TWSFieldReader) throws -> Int {
        let value = try reader.int(default: 0)
        guard value >= 0, value <= reader.remaining else {
            throw TWSProtocolError.field(5, reader.index - 1, expected: "a group count", got: String(value))
        }
        return value
    }
}
