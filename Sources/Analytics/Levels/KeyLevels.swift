import MarketData
import StateVector

/// `HOD`, `LOD`, `HOD_LOD_LOC` and the two distances (FEATURES.md "Key levels", Settled detail 12).
/// Only prints of the regular session that set the last price move the extremes.
struct KeyLevels: Sendable {
    /// A print that set a strictly new extreme, and the extreme before it.
    private struct NewExtreme: Sendable {
        var time: Int64
        var previous: Price
    }

    private(set) var high: Price?
    private(set) var low: Price?
    private var newHighs = RingBuffer<NewExtreme>(capacity: 32)
    private var newLows = RingBuffer<NewExtreme>(capacity: 32)
    private let window: Int64
    private let parameters: FeatureParameters

    init(parameters: FeatureParameters) {
        self.parameters = parameters
        window = WindowLength.nanos(seconds: parameters.breakoutWindowSeconds)
    }

    /// Adds a print of the regular session that sets the last price.
    mutating func add(_ trade: ClassifiedTrade) {
        guard let high, let low else {
            // The session's first print sets no new high or low.
            self.high = trade.price
            self.low = trade.price
            return
        }
        if trade.price > high {
            newHighs.append(NewExtreme(time: trade.time.nanos, previous: high))
            self.high = trade.price
        }
        if trade.price < low {
            newLows.append(NewExtreme(time: trade.time.nanos, previous: low))
            self.low = trade.price
        }
    }

    mutating func read(last: Price?, at now: Timestamp, into state: inout MarketState) {
        let cutoff = now.nanos - window
        while let oldest = newHighs.first, oldest.time <= cutoff { newHighs.removeFirst() }
        while let oldest = newLows.first, oldest.time <= cutoff { newLows.removeFirst() }
        state.hod = high
        state.lod = low
        guard let last, let high, let low, last.raw > 0 else { return }
        let distanceToHigh = Double(high.raw - last.raw) / Double(last.raw) * 100
        let distanceToLow = Double(last.raw - low.raw) / Double(last.raw) * 100
        state.distanceToHODPct = distanceToHigh
        state.distanceToLODPct = distanceToLow
        state.hodLodLoc = Self.location(
            last: last, high: high, low: low, breakoutFrom: newHighs.first?.previous,
            breakdownFrom: newLows.first?.previous, parameters: parameters)
    }

    /// BREAKOUT when a print in the window set a new high and LAST >= the high before the earliest
    /// such print (`breakoutFrom`); BREAKDOWN likewise; else TESTING/NEAR of the nearer qualifying
    /// extreme (the HOD on an exact tie); else MID_RANGE. Percent thresholds use `<=` on the
    /// unrounded distance, compared multiplied through by LAST so that a distance of exactly
    /// 0.15 % is not lost to binary rounding.
    static func location(
        last: Price, high: Price, low: Price, breakoutFrom: Price?, breakdownFrom: Price?,
        parameters: FeatureParameters
    ) -> HodLodLocation {
        if let breakoutFrom, last >= breakoutFrom { return .breakout }
        if let breakdownFrom, last <= breakdownFrom { return .breakdown }
        let toHigh = high.raw - last.raw
        let toLow = last.raw - low.raw
        func within(_ distance: Int64, _ percent: Double) -> Bool {
            Double(distance) * 100 <= percent * Double(last.raw)
        }
        let nearHigh = within(toHigh, parameters.testingPct) || within(toHigh, parameters.nearPct)
        let nearLow = within(toLow, parameters.testingPct) || within(toLow, parameters.nearPct)
        if nearHigh, !nearLow || toHigh <= toLow {
            return within(toHigh, parameters.testingPct) ? .testingHOD : .nearHOD
        }
        if nearLow {
            return within(toLow, parameters.testingPct) ? .testingLOD : .nearLOD
        }
        return .midRange
    }
}
