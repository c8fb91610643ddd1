public import MarketData

/// The market half of the state vector (FEATURES.md). `nil` means "cannot be computed yet"; every
/// rule that reads a nil is false.
public struct MarketState: Hashable, Sendable {
    public var ticker: String = ""
    public var last: Price?
    public var vwap: Price?
    public var timeSession: TimeSession = .preMarket

    // Level 2 (DOM)
    public var l2Imbalance: Double?
    public var spread: Price?
    public var domWalls: [DomWall] = []
    public var bidStack: [StackLevel] = []
    public var askStack: [StackLevel] = []

    // Tape
    public var tapeVelocity: TapeVelocity = .low
    public var tapeVelocityTPS: Double = 0
    public var tapeSentiment: TapeSentiment = .neutral
    public var tapeDelta1s: Int64 = 0
    public var tapeDelta5s: Int64 = 0
    public var largePrints1m: [LargePrint] = []

    // Footprint and delta
    public var footprint = FootprintBar()
    public var cvdSession: Int64 = 0
    public var cvdTrend: CVDTrend = .flat
    public var cvdSlope5m: Double = 0

    // Volume profile
    public var vpPOC: Price?
    public var vpVAH: Price?
    public var vpVAL: Price?
    public var vpDevelopingPOC: Price?
    public var priceVsPOC: PriceVsPOC?

    // Key levels
    public var hod: Price?
    public var lod: Price?
    public var hodLodLoc: HodLodLocation?
    public var distanceToHODPct: Double?
    public var distanceToLODPct: Double?
    public var rvolDay: Double?

    // Absorption
    public var absorptionDetected: Bool = false
    public var absorptionSide: QuoteSide?
    public var absorptionPrice: Price?

    public init() {}
}

/// A resting level much larger than its side's mean (`DOM_WALLS`).
public struct DomWall: Hashable, Sendable {
    public var side: QuoteSide
    public var price: Price
    public var size: Int64
    public var tier: WallTier

    public init(side: QuoteSide, price: Price, size: Int64, tier: WallTier) {
        self.side = side
        self.price = price
        self.size = size
        self.tier = tier
    }
}

/// `[price, size]` of `BID_STACK` / `ASK_STACK`.
public struct StackLevel: Hashable, Sendable {
    public var price: Price
    public var size: Int64

    public init(price: Price, size: Int64) {
        self.price = price
        self.size = size
    }
}

/// A print of at least `large_print_size` shares in the trailing minute (`LARGE_PRINTS_1M`).
public struct LargePrint: Hashable, Sendable {
    public var price: Price
    public var size: Int64
    public var side: TradeSide
    public var secsAgo: Int64

    public init(price: Price, size: Int64, side: TradeSide, secsAgo: Int64) {
        self.price = price
        self.size = size
        self.side = side
        self.secsAgo = secsAgo
    }
}

/// The current clock-aligned bar (`FOOTPRINT_CURR_BAR`).
public struct FootprintBar: Hashable, Sendable {
    public var open: Price?
    public var high: Price?
    public var low: Price?
    public var close: Price?
    public var delta: Int64 = 0
    public var volume: Int64 = 0
    public var deltaPct: Double?
    public var poc: Price?
    public var imbalances: [FootprintImbalance] = []

    public init() {}
}

/// A price level of the bar where one side traded at least `imbalance_ratio` times the other.
public struct FootprintImbalance: Hashable, Sendable {
    public var price: Price
    public var bidVol: Int64
    public var askVol: Int64
    /// ask_vol / max(bid_vol, 1): below 1 means sellers dominate.
    public var ratio: Double

    public init(price: Price, bidVol: Int64, askVol: Int64, ratio: Double) {
        self.price = price
        self.bidVol = bidVol
        self.askVol = askVol
        self.ratio = ratio
    }
}
