public import MarketData
public import StateVector

extension FeatureEngine {
    /// The market state at `time` (FEATURES.md, Settled detail 1): every window, the current
    /// bar, `secs_ago`, `TIME_SESSION` and `RVOL_DAY` are measured from `time`; the book and
    /// running totals are those after the last applied event. Apply every event up to `time`
    /// first. A `time` before the last applied event, or before an earlier query, is raised to
    /// it: windows only move forward. Mutating because the windows drop what left them and the
    /// value area is cached until the next print.
    public mutating func marketState(at time: Timestamp) -> MarketState {
        var state = MarketState()
        update(&state, at: time)
        return state
    }

    /// `marketState(at:)` written over `state`: the same values, but the arrays (walls, stacks,
    /// large prints) keep their storage, so a loop that refreshes one state every tick allocates
    /// nothing once they have grown.
    public mutating func update(_ state: inout MarketState, at time: Timestamp) {
        var now = time
        if let lastEventTime, now < lastEventTime { now = lastEventTime }
        if let latestQuery, now < latestQuery { now = latestQuery }
        latestQuery = now
        // Every scalar starts from its default, as in a new state; only the arrays' buffers stay.
        var walls: [DomWall] = []
        var bids: [StackLevel] = []
        var asks: [StackLevel] = []
        var prints: [LargePrint] = []
        swap(&walls, &state.domWalls)
        swap(&bids, &state.bidStack)
        swap(&asks, &state.askStack)
        swap(&prints, &state.largePrints1m)
        state = MarketState()
        fill(&state, walls: &walls, bids: &bids, asks: &asks, prints: &prints, at: now)
        swap(&walls, &state.domWalls)
        swap(&bids, &state.bidStack)
        swap(&asks, &state.askStack)
        swap(&prints, &state.largePrints1m)
    }

    @inline(never)
    private mutating func fill(
        _ state: inout MarketState, walls: inout [DomWall], bids: inout [StackLevel], asks: inout [StackLevel],
        prints: inout [LargePrint], at now: Timestamp
    ) {
        state.ticker = symbol
        state.last = last
        state.vwap = session.vwap
        state.timeSession = SessionLevels.phase(at: now, parameters: parameters)

        state.l2Imbalance = DepthAnalyzer.imbalance(book, levels: parameters.imbalanceLevels)
        state.spread = DepthAnalyzer.spread(book)
        DepthAnalyzer.walls(book, last: last, parameters: parameters, into: &walls)
        DepthAnalyzer.stack(book.bids, count: parameters.stackLevels, into: &bids)
        DepthAnalyzer.stack(book.asks, count: parameters.stackLevels, into: &asks)

        tape.read(at: now, into: &state)
        largePrints.prints(at: now, into: &prints)

        state.footprint = footprint.bar(at: now)
        cumulativeDelta.read(at: now, into: &state)

        if let levels = profile.levels() {
            state.vpPOC = levels.poc
            state.vpVAH = levels.valueAreaHigh
            state.vpVAL = levels.valueAreaLow
            if let last {
                let tolerance = parameters.pocTolerance
                state.priceVsPOC =
                    last > levels.poc + tolerance ? .above : last < levels.poc - tolerance ? .below : .atPOC
            }
        }
        state.vpDevelopingPOC = developingProfile.pointOfControl(at: now)

        keyLevels.read(last: last, at: now, into: &state)
        state.rvolDay = SessionLevels.relativeVolume(
            volume: session.volume, averageDailyVolume: averageDailyVolume, at: now, parameters: parameters)

        absorption.read(at: now, into: &state)
    }
}
