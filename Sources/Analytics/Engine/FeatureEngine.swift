public import MarketData
public import StateVector

/// Turns a stream of market events into the state vector's market half (FEATURES.md), one event
/// at a time: it owns the L2 book and every feature, each an incremental type whose cost per
/// event does not grow with the session's length and whose memory stays flat over a day.
///
/// Feed it every event in time order with ``apply(_:)``; ask for the state at any moment with
/// ``marketState(at:)`` (the agent does so 5 times a second). A value type: copy it to fork a
/// replay.
public struct FeatureEngine: Sendable {
    /// The largest print size accepted; larger ones (damaged input) are ignored and counted.
    public static let maxTradeSize: Int64 = 1_000_000_000
    /// The highest price accepted ($100,000,000 a share); higher ones are ignored and counted.
    public static let maxTradePrice = Price(raw: 1_000_000_000_000)

    public let symbol: String
    public let parameters: FeatureParameters
    /// The average daily volume RVOL_DAY divides by; nil leaves RVOL_DAY null.
    public let averageDailyVolume: Int64?

    /// The L2 book after the last applied event.
    public private(set) var book = OrderBook()
    /// The time of the last applied event of any kind.
    public private(set) var lastEventTime: Timestamp?
    /// The time of the last print (for the stale-data guard).
    public private(set) var lastTradeTime: Timestamp?
    /// The time of the last change to the book.
    public private(set) var lastBookTime: Timestamp?
    /// `LAST`: the price of the last print that sets the last price.
    public private(set) var last: Price?
    /// Events applied so far.
    public private(set) var eventCount = 0
    /// Prints counted so far.
    public private(set) var tradeCount = 0
    /// Prints ignored because their size was not in 1...`maxTradeSize` or their price not in
    /// 0.0001...`maxTradePrice`.
    public private(set) var ignoredTradeCount = 0

    var classifier = TradeClassifier()
    var tape: TapeActivity
    var largePrints: LargePrintLog
    var footprint: FootprintBarBuilder
    var cumulativeDelta: CumulativeDelta
    var profile: VolumeProfile
    var developingProfile: DevelopingProfile
    var keyLevels: KeyLevels
    var session = SessionLevels()
    var absorption: AbsorptionDetector
    /// True when the book changed since the last batch end.
    private var bookChanged = false
    /// The latest moment a state was built for; windows never move backwards.
    var latestQuery: Timestamp?

    /// - Parameters:
    ///   - symbol: `TICKER` in the state.
    ///   - parameters: the strategy's `features:` block (FEATURES.md defaults otherwise).
    ///   - averageDailyVolume: the 30-session average daily volume for RVOL_DAY, if known.
    public init(symbol: String, parameters: FeatureParameters = FeatureParameters(), averageDailyVolume: Int64? = nil) {
        self.symbol = symbol
        self.parameters = parameters
        self.averageDailyVolume = averageDailyVolume
        tape = TapeActivity(parameters: parameters)
        largePrints = LargePrintLog(parameters: parameters)
        footprint = FootprintBarBuilder(parameters: parameters)
        cumulativeDelta = CumulativeDelta(parameters: parameters)
        profile = VolumeProfile(bucket: parameters.profileBucket, valueAreaPercent: parameters.valueAreaPct)
        developingProfile = DevelopingProfile(parameters: parameters)
        keyLevels = KeyLevels(parameters: parameters)
        absorption = AbsorptionDetector(parameters: parameters)
    }

    /// Applies one event. Events must come in time order; the book is read as a whole (for the
    /// classification quote and absorption) only at batch ends, where it is consistent.
    public mutating func apply(_ timed: TimedEvent) {
        eventCount += 1
        lastEventTime = timed.time
        switch timed.event {
        case .depth(let update):
            book.apply(update)
            bookChanged = true
            lastBookTime = timed.time
        case .trade(let trade):
            process(trade, at: timed.time)
        case .quote(let quote):
            classifier.updateQuote(bid: quote.bid, ask: quote.ask)
        case .bookReset:
            book.clear()
            bookChanged = true
            lastBookTime = timed.time
        }
        if timed.endsBatch && bookChanged {
            bookChanged = false
            let bestBid = book.bestBid
            let bestAsk = book.bestAsk
            classifier.updateQuote(bid: bestBid?.price, ask: bestAsk?.price)
            absorption.observe(bestBid: bestBid, bestAsk: bestAsk, at: timed.time)
        }
    }

    private mutating func process(_ trade: Trade, at time: Timestamp) {
        guard trade.size > 0, trade.size <= Self.maxTradeSize, trade.price.raw > 0, trade.price <= Self.maxTradePrice
        else {
            ignoredTradeCount += 1
            return
        }
        tradeCount += 1
        lastTradeTime = time
        let side = classifier.classify(trade)
        let print = ClassifiedTrade(
            time: time, price: trade.price, size: trade.size, side: side, setsLast: trade.setsLast)
        if trade.setsLast { last = trade.price }
        tape.add(print)
        largePrints.add(print)
        footprint.add(print)
        absorption.add(print)
        guard time >= parameters.sessionOpen else { return }
        cumulativeDelta.add(print)
        session.add(print)
        if profile.add(price: print.price, size: print.size) {
            developingProfile.add(time: time, bucket: profile.bucket(of: print.price), size: print.size)
        }
        if trade.setsLast { keyLevels.add(print) }
    }
}
