import MarketData

/// Turns a validated document into model values. The keys are the schema's; a test decodes a
/// document generated from the schema with a distinct value in every field and reads each back
/// through the schema's readers, so a field forgotten here fails it. Defaults below are never
/// used for valid input (required fields are present by then); they only keep this total.
enum StateBuilder {
    static func state(_ root: DecodedObject) -> StateVector {
        StateVector(
            market: market(root.object("MARKET_STATE")),
            account: account(root.object("ACCOUNT_STATE")),
            activeOrders: root.list("ACTIVE_ORDERS").compactMap(order),
            history: root.list("HISTORY").compactMap(historyEntry))
    }

    static func market(_ o: DecodedObject) -> MarketState {
        var m = MarketState()
        m.ticker = o.string("TICKER") ?? ""
        m.last = o.price("LAST")
        m.vwap = o.price("VWAP")
        m.timeSession = o.enumeration("TIME_SESSION") ?? .preMarket
        m.l2Imbalance = o.number("L2_IMBALANCE")
        m.spread = o.price("SPREAD")
        m.domWalls = o.list("DOM_WALLS").compactMap(wall)
        m.bidStack = o.list("BID_STACK").compactMap(stackLevel)
        m.askStack = o.list("ASK_STACK").compactMap(stackLevel)
        m.tapeVelocity = o.enumeration("TAPE_VELOCITY") ?? .low
        m.tapeVelocityTPS = o.number("TAPE_VELOCITY_TPS") ?? 0
        m.tapeSentiment = o.enumeration("TAPE_SENTIMENT") ?? .neutral
        m.tapeDelta1s = o.integer("TAPE_DELTA_1S") ?? 0
        m.tapeDelta5s = o.integer("TAPE_DELTA_5S") ?? 0
        m.largePrints1m = o.list("LARGE_PRINTS_1M").compactMap(largePrint)
        m.footprint = footprint(o.object("FOOTPRINT_CURR_BAR"))
        m.cvdSession = o.integer("CVD_SESSION") ?? 0
        m.cvdTrend = o.enumeration("CVD_TREND") ?? .flat
        m.cvdSlope5m = o.number("CVD_SLOPE_5M") ?? 0
        m.vpPOC = o.price("VP_POC")
        m.vpVAH = o.price("VP_VAH")
        m.vpVAL = o.price("VP_VAL")
        m.vpDevelopingPOC = o.price("VP_DEVELOPING_POC")
        m.priceVsPOC = o.enumeration("PRICE_VS_POC")
        m.hod = o.price("HOD")
        m.lod = o.price("LOD")
        m.hodLodLoc = o.enumeration("HOD_LOD_LOC")
        m.distanceToHODPct = o.number("DISTANCE_TO_HOD_PCT")
        m.distanceToLODPct = o.number("DISTANCE_TO_LOD_PCT")
        m.rvolDay = o.number("RVOL_DAY")
        m.absorptionDetected = o.bool("ABSORPTION_DETECTED") ?? false
        m.absorptionSide = o.enumeration("ABSORPTION_SIDE")
        m.absorptionPrice = o.price("ABSORPTION_PRICE")
        return m
    }

    static func wall(_ o: DecodedObject) -> DomWall? {
        guard let side: QuoteSide = o.enumeration("side"), let price = o.price("price"), let size = o.integer("size"),
            let tier: WallTier = o.enumeration("tier")
        else { return nil }
        return DomWall(side: side, price: price, size: size, tier: tier)
    }

    static func stackLevel(_ o: DecodedObject) -> StackLevel? {
        guard let price = o.price("price"), let size = o.integer("size") else { return nil }
        return StackLevel(price: price, size: size)
    }

    static func largePrint(_ o: DecodedObject) -> LargePrint? {
        guard let price = o.price("price"), let size = o.integer("size"), let side: TradeSide = o.enumeration("side"),
            let secsAgo = o.integer("secs_ago")
        else { return nil }
        return LargePrint(price: price, size: size, side: side, secsAgo: secsAgo)
    }

    static func footprint(_ o: DecodedObject) -> FootprintBar {
        var bar = FootprintBar()
        bar.open = o.price("open")
        bar.high = o.price("high")
        bar.low = o.price("low")
        bar.close = o.price("close")
        bar.delta = o.integer("delta") ?? 0
        bar.volume = o.integer("volume") ?? 0
        bar.deltaPct = o.number("delta_pct")
        bar.poc = o.price("poc")
        bar.imbalances = o.list("imbalances").compactMap(imbalance)
        return bar
    }

    static func imbalance(_ o: DecodedObject) -> FootprintImbalance? {
        guard let price = o.price("price"), let bidVol = o.integer("bid_vol"), let askVol = o.integer("ask_vol"),
            let ratio = o.number("ratio")
        else { return nil }
        return FootprintImbalance(price: price, bidVol: bidVol, askVol: askVol, ratio: ratio)
    }

    static func account(_ o: DecodedObject) -> AccountState {
        var a = AccountState()
        a.position = o.integer("POSITION") ?? 0
        a.positionSide = o.enumeration("POSITION_SIDE")
        a.avgEntry = o.price("AVG_ENTRY")
        a.unrealizedPL = o.price("UNREALIZED_PL") ?? .zero
        a.dailyPL = o.price("DAILY_PL") ?? .zero
        a.dailyTrades = o.integer("DAILY_TRADES") ?? 0
        return a
    }

    static func order(_ o: DecodedObject) -> ActiveOrder? {
        guard let id = o.string("id"), let role: OrderRole = o.enumeration("role"),
            let side: TradeSide = o.enumeration("side"),
            let type: OrderType = o.enumeration("type"), let qty = o.integer("qty"),
            let status: OrderStatus = o.enumeration("status")
        else { return nil }
        return ActiveOrder(
            id: id, role: role, side: side, type: type, price: o.price("price"), qty: qty, status: status)
    }

    static func historyEntry(_ o: DecodedObject) -> HistoryEntry? {
        guard let time = o.string("time"), let command = o.string("command"),
            let outcome: DecisionOutcome = o.enumeration("outcome")
        else { return nil }
        return HistoryEntry(time: time, command: command, outcome: outcome, reason: o.string("reason"))
    }
}
