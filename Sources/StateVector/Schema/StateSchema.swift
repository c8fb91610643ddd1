import MarketData

/// The state vector's schema: every section and field in the seed's key order (FEATURES.md
/// "Output shape"), plus `DISTANCE_TO_LOD_PCT`, `ACTIVE_ORDERS` elements and `HISTORY`.
public enum StateSchema {
    /// A top-level section such as `MARKET_STATE`.
    public struct Section: Sendable {
        public let name: String
        public let field: Field
    }

    /// The sections in document order.
    public static let sections: [Section] = [
        Section(name: "MARKET_STATE", field: Field("MARKET_STATE", .object(market), summary: "The market at this moment.")),
        Section(name: "ACCOUNT_STATE", field: Field("ACCOUNT_STATE", .object(account), summary: "Position and P&L.")),
        Section(
            name: "ACTIVE_ORDERS",
            field: Field(
                "ACTIVE_ORDERS", .list(element: order, tuple: false, count: { $0.activeOrders.count }),
                maximumCount: StateLimits.activeOrders, summary: "Working orders.")),
        Section(
            name: "HISTORY",
            field: Field(
                "HISTORY", .list(element: history, tuple: false, count: { $0.history.count }),
                maximumCount: StateLimits.history, summary: "The last decisions, oldest first.")),
    ]

    /// Separator keys of the seed's example (`"// Level 2 (DOM) Analysis": "---"`), each placed before
    /// the named `MARKET_STATE` field. They carry no data: output keeps them, input ignores them.
    public static let marketSeparators: [(before: String, key: String)] = [
        ("L2_IMBALANCE", "// Level 2 (DOM) Analysis"),
        ("TAPE_VELOCITY", "// Tape (Time & Sales) Analysis"),
        ("FOOTPRINT_CURR_BAR", "// Footprint / Delta Analysis"),
        ("VP_POC", "// Volume Profile (Session)"),
        ("HOD", "// Key Levels"),
        ("ABSORPTION_DETECTED", "// Absorption Detection"),
    ]

    /// Every field rules may name bare (`L2_IMBALANCE`, `POSITION_SIDE`), market first.
    public static let ruleFields: [Field] = market + account

    /// Looks up a top-level market or account field by its exact name.
    public static func field(named name: String) -> Field? {
        ruleFields.first { $0.name == name }
    }

    // MARK: - MARKET_STATE

    public static let market: [Field] = [
        Field("TICKER", .string({ s, _ in s.market.ticker }), summary: "The symbol."),
        Field("LAST", .price({ s, _ in s.market.last }), nullable: true, summary: "Last trade price."),
        Field("VWAP", .price({ s, _ in s.market.vwap }), nullable: true, displayDecimals: 2, summary: "Volume-weighted average price since 09:30."),
        Field(
            "TIME_SESSION", .enumeration(TimeSession.enumType, { s, _ in Int(s.market.timeSession.rawValue) }),
            summary: "Phase of the trading day."),
        Field(
            "L2_IMBALANCE", .number({ s, _ in s.market.l2Imbalance }), nullable: true,
            summary: "Bid size / ask size over the top levels; > 1 means bids dominate."),
        Field("SPREAD", .price({ s, _ in s.market.spread }), nullable: true, summary: "Best ask minus best bid."),
        Field(
            "DOM_WALLS", .list(element: wall, tuple: false, count: { $0.market.domWalls.count }),
            maximumCount: StateLimits.domWalls, summary: "Resting levels far larger than their side's mean, nearest to LAST first."),
        Field(
            "BID_STACK", .list(element: bidStackLevel, tuple: true, count: { $0.market.bidStack.count }),
            maximumCount: StateLimits.stackLevels, summary: "Top bid levels as [price, size], best first."),
        Field(
            "ASK_STACK", .list(element: askStackLevel, tuple: true, count: { $0.market.askStack.count }),
            maximumCount: StateLimits.stackLevels, summary: "Top ask levels as [price, size], best first."),
        Field(
            "TAPE_VELOCITY", .enumeration(TapeVelocity.enumType, { s, _ in Int(s.market.tapeVelocity.rawValue) }),
            summary: "LOW, MEDIUM or HIGH trades per second."),
        Field("TAPE_VELOCITY_TPS", .number({ s, _ in s.market.tapeVelocityTPS }), summary: "Trades per second over the velocity window."),
        Field(
            "TAPE_SENTIMENT", .enumeration(TapeSentiment.enumType, { s, _ in Int(s.market.tapeSentiment.rawValue) }),
            summary: "Who is aggressive on the tape."),
        Field("TAPE_DELTA_1S", .integer({ s, _ in s.market.tapeDelta1s }), summary: "Buy minus sell volume, last 1 s."),
        Field("TAPE_DELTA_5S", .integer({ s, _ in s.market.tapeDelta5s }), summary: "Buy minus sell volume, last 5 s."),
        Field(
            "LARGE_PRINTS_1M", .list(element: largePrint, tuple: false, count: { $0.market.largePrints1m.count }),
            maximumCount: StateLimits.largePrints, summary: "Large prints of the last minute, newest first."),
        Field("FOOTPRINT_CURR_BAR", .object(footprint), summary: "The current bar with delta, POC and imbalances."),
        Field("CVD_SESSION", .integer({ s, _ in s.market.cvdSession }), summary: "Cumulative delta since 09:30."),
        Field(
            "CVD_TREND", .enumeration(CVDTrend.enumType, { s, _ in Int(s.market.cvdTrend.rawValue) }),
            summary: "RISING, FALLING or FLAT, from CVD_SLOPE_5M."),
        Field("CVD_SLOPE_5M", .number({ s, _ in s.market.cvdSlope5m }), summary: "CVD change / volume over 5 minutes, in [-1, 1]."),
        Field("VP_POC", .price({ s, _ in s.market.vpPOC }), nullable: true, summary: "Session point of control."),
        Field("VP_VAH", .price({ s, _ in s.market.vpVAH }), nullable: true, summary: "Value area high."),
        Field("VP_VAL", .price({ s, _ in s.market.vpVAL }), nullable: true, summary: "Value area low."),
        Field(
            "VP_DEVELOPING_POC", .price({ s, _ in s.market.vpDevelopingPOC }), nullable: true,
            summary: "Point of control of the trailing window."),
        Field(
            "PRICE_VS_POC", .enumeration(PriceVsPOC.enumType, { s, _ in s.market.priceVsPOC.map { Int($0.rawValue) } }),
            nullable: true, summary: "LAST against the POC."),
        Field("HOD", .price({ s, _ in s.market.hod }), nullable: true, summary: "High of day."),
        Field("LOD", .price({ s, _ in s.market.lod }), nullable: true, summary: "Low of day."),
        Field(
            "HOD_LOD_LOC", .enumeration(HodLodLocation.enumType, { s, _ in s.market.hodLodLoc.map { Int($0.rawValue) } }),
            nullable: true, summary: "Where LAST stands against the day's extremes."),
        Field(
            "DISTANCE_TO_HOD_PCT", .number({ s, _ in s.market.distanceToHODPct }), nullable: true,
            summary: "(HOD - LAST) / LAST x 100."),
        Field(
            "DISTANCE_TO_LOD_PCT", .number({ s, _ in s.market.distanceToLODPct }), nullable: true,
            summary: "(LAST - LOD) / LAST x 100."),
        Field(
            "RVOL_DAY", .number({ s, _ in s.market.rvolDay }), nullable: true,
            summary: "Volume today / volume expected by this time of day."),
        Field("ABSORPTION_DETECTED", .bool({ s, _ in s.market.absorptionDetected }), summary: "A level is absorbing aggression."),
        Field(
            "ABSORPTION_SIDE", .enumeration(QuoteSide.enumType, { s, _ in s.market.absorptionSide.map { Int($0.rawValue) } }),
            nullable: true, summary: "BID (support) or ASK (resistance)."),
        Field(
            "ABSORPTION_PRICE", .price({ s, _ in s.market.absorptionPrice }), nullable: true,
            summary: "The absorbing level."),
    ]

    public static let wall: [Field] = [
        Field("side", .enumeration(QuoteSide.enumType, { s, i in Int(s.market.domWalls[i].side.rawValue) }), summary: "BID or ASK."),
        Field("price", .price({ s, i in s.market.domWalls[i].price }), summary: "The wall's price."),
        Field("size", .integer({ s, i in s.market.domWalls[i].size }), summary: "Shares resting there."),
        Field("tier", .enumeration(WallTier.enumType, { s, i in Int(s.market.domWalls[i].tier.rawValue) }), summary: "MAJOR or MINOR."),
    ]

    public static let bidStackLevel: [Field] = [
        Field("price", .price({ s, i in s.market.bidStack[i].price }), summary: "Level price."),
        Field("size", .integer({ s, i in s.market.bidStack[i].size }), summary: "Shares at the level."),
    ]

    public static let askStackLevel: [Field] = [
        Field("price", .price({ s, i in s.market.askStack[i].price }), summary: "Level price."),
        Field("size", .integer({ s, i in s.market.askStack[i].size }), summary: "Shares at the level."),
    ]

    public static let largePrint: [Field] = [
        Field("price", .price({ s, i in s.market.largePrints1m[i].price }), summary: "Print price."),
        Field("size", .integer({ s, i in s.market.largePrints1m[i].size }), summary: "Shares."),
        Field("side", .enumeration(TradeSide.enumType, { s, i in Int(s.market.largePrints1m[i].side.rawValue) }), summary: "Aggressor."),
        Field("secs_ago", .integer({ s, i in s.market.largePrints1m[i].secsAgo }), summary: "Whole seconds ago."),
    ]

    public static let footprint: [Field] = [
        Field("open", .price({ s, _ in s.market.footprint.open }), nullable: true, summary: "First print of the bar."),
        Field("high", .price({ s, _ in s.market.footprint.high }), nullable: true, summary: "Highest print."),
        Field("low", .price({ s, _ in s.market.footprint.low }), nullable: true, summary: "Lowest print."),
        Field("close", .price({ s, _ in s.market.footprint.close }), nullable: true, summary: "Latest print."),
        Field("delta", .integer({ s, _ in s.market.footprint.delta }), summary: "Buy minus sell volume in the bar."),
        Field("volume", .integer({ s, _ in s.market.footprint.volume }), summary: "Shares traded in the bar."),
        Field("delta_pct", .number({ s, _ in s.market.footprint.deltaPct }), nullable: true, summary: "delta / volume x 100."),
        Field("poc", .price({ s, _ in s.market.footprint.poc }), nullable: true, summary: "Price with the most volume in the bar."),
        Field(
            "imbalances", .list(element: imbalance, tuple: false, count: { $0.market.footprint.imbalances.count }),
            maximumCount: StateLimits.imbalances, summary: "Levels where one side traded imbalance_ratio x the other."),
    ]

    public static let imbalance: [Field] = [
        Field("price", .price({ s, i in s.market.footprint.imbalances[i].price }), summary: "Level price."),
        Field("bid_vol", .integer({ s, i in s.market.footprint.imbalances[i].bidVol }), summary: "Sell-aggressor volume."),
        Field("ask_vol", .integer({ s, i in s.market.footprint.imbalances[i].askVol }), summary: "Buy-aggressor volume."),
        Field("ratio", .number({ s, i in s.market.footprint.imbalances[i].ratio }), summary: "ask_vol / max(bid_vol, 1)."),
    ]

    // MARK: - ACCOUNT_STATE, ACTIVE_ORDERS, HISTORY

    public static let account: [Field] = [
        Field("POSITION", .integer({ s, _ in s.account.position }), summary: "Shares held (unsigned)."),
        Field(
            "POSITION_SIDE", .enumeration(PositionSide.enumType, { s, _ in s.account.positionSide.map { Int($0.rawValue) } }),
            nullable: true, summary: "LONG, SHORT, or null when flat."),
        Field("AVG_ENTRY", .price({ s, _ in s.account.avgEntry }), nullable: true, summary: "Average entry price."),
        Field("UNREALIZED_PL", .money({ s, _ in s.account.unrealizedPL }), summary: "Open P&L at the exit side."),
        Field("DAILY_PL", .money({ s, _ in s.account.dailyPL }), summary: "Realized + unrealized today, after commissions."),
        Field("DAILY_TRADES", .integer({ s, _ in s.account.dailyTrades }), summary: "Entries filled today."),
    ]

    public static let order: [Field] = [
        Field("id", .string({ s, i in s.activeOrders[i].id }), summary: "Client order id."),
        Field("role", .enumeration(OrderRole.enumType, { s, i in Int(s.activeOrders[i].role.rawValue) }), summary: "ENTRY, STOP, TARGET or EXIT."),
        Field("side", .enumeration(TradeSide.enumType, { s, i in Int(s.activeOrders[i].side.rawValue) }), summary: "BUY or SELL."),
        Field("type", .enumeration(OrderType.enumType, { s, i in Int(s.activeOrders[i].type.rawValue) }), summary: "LMT, STP or MKT."),
        Field("price", .price({ s, i in s.activeOrders[i].price }), nullable: true, summary: "Limit or stop price."),
        Field("qty", .integer({ s, i in s.activeOrders[i].qty }), summary: "Shares still working."),
        Field("status", .enumeration(OrderStatus.enumType, { s, i in Int(s.activeOrders[i].status.rawValue) }), summary: "Order status."),
    ]

    public static let history: [Field] = [
        Field("time", .string({ s, i in s.history[i].time }), summary: "Session time of the decision."),
        Field("command", .string({ s, i in s.history[i].command }), summary: "The model's command."),
        Field(
            "outcome", .enumeration(DecisionOutcome.enumType, { s, i in Int(s.history[i].outcome.rawValue) }),
            summary: "EXECUTED, REJECTED or WAIT."),
        Field("reason", .string({ s, i in s.history[i].reason }), nullable: true, summary: "Why, when rejected or waiting."),
    ]
}
