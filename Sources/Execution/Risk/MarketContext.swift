public import MarketData
public import StateVector

/// What the risk checks need to know about the market at the moment of a decision.
public struct MarketContext: Hashable, Sendable {
    /// Now, on the session clock.
    public var time: Timestamp
    public var bid: Price?
    public var ask: Price?
    /// LAST: what a distance written as a share of the price (`0.02%`) is a share of.
    public var last: Price?
    /// When the last book or tape event arrived; nil before any.
    public var lastDataTime: Timestamp?
    /// Walls and key levels a far target may stand in front of.
    public var levels: [ReferenceLevel]

    public init(
        time: Timestamp, bid: Price?, ask: Price?, last: Price? = nil, lastDataTime: Timestamp?, levels: [ReferenceLevel] = []
    ) {
        self.time = time
        self.bid = bid
        self.ask = ask
        self.last = last
        self.lastDataTime = lastDataTime
        self.levels = levels
    }

    /// Reads the touch from the stacks and the levels from DOM_WALLS, HOD, LOD, VWAP, VP_POC,
    /// VP_VAH and VP_VAL.
    public init(state: MarketState, time: Timestamp, lastDataTime: Timestamp?) {
        var levels = state.domWalls.map {
            ReferenceLevel(price: $0.price, name: "\($0.side.name) wall \($0.price.display)", wallSide: $0.side)
        }
        let keyLevels: [(Price?, String)] = [
            (state.hod, "HOD"), (state.lod, "LOD"), (state.vwap, "VWAP"), (state.vpPOC, "VP_POC"),
            (state.vpVAH, "VP_VAH"), (state.vpVAL, "VP_VAL"),
        ]
        for case (let price?, let name) in keyLevels {
            levels.append(ReferenceLevel(price: price, name: "\(name) \(price.display)"))
        }
        self.init(
            time: time, bid: state.bidStack.first?.price, ask: state.askStack.first?.price, last: state.last,
            lastDataTime: lastDataTime, levels: levels)
    }

    /// The price a relative distance is a share of: LAST, or the mid before any print.
    public var reference: Price? {
        if let last { return last }
        guard let bid, let ask else { return bid ?? ask }
        return Price(raw: (bid.raw + ask.raw) / 2)
    }

    /// Ask minus bid; nil when a side is missing.
    public var spread: Price? {
        guard let bid, let ask else { return nil }
        return ask - bid
    }
}
