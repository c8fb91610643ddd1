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
        var now = time
        if let lastEventTime, now < lastEventTime { now = lastEventTime }
        if let latestQuery, now < latestQuery { now = latestQuery }
        latestQuery = now
        var state = MarketState()
        fill(&state, at: now)
        return state
    }

    /// Kept apart from `marketState(at:)` so that the finished state is returned without a copy.
    @inline(never)
    private mutating func fill(_ state: inout MarketState, at now: Timestamp) {
        state.ticker = symbol
        state.last = last
        state.vwap = session.vwap
        state.timeSession = SessionLevels.phase(at: now, parameters: parameters)

        state.l2Imbalance = DepthAnalyzer.imbalance(book, levels: parameters.imbalanceLevels)
        state.spread = DepthAnalyzer.spread(book)
        state.domWalls = DepthAnalyzer.walls(book, last: last, parameters: parameters)
        state.bidStack = DepthAnalyzer.stack(book.bids, count: parameters.stackLevels)
        state.askStack = DepthAnalyzer.stack(book.asks, count: parameters.stackLevels)

        tape.read(at: now, into: &state)
        state.largePrints1m = largePrints.prints(at: now)

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
