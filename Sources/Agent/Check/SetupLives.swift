import Analytics
public import MarketData
public import StateVector
public import Strategy

/// How long a strategy's entry setups last on a recorded day: each side's checklist evaluated at
/// the strategy's loop rate, and the length of every run of consecutive passing ticks. With the
/// states `fsd model check` asks a model about: a setup, a tick without one, a held position.
public struct SetupLives: Sendable {
    /// Seconds each setup lasted, both sides, in time order.
    public var seconds: [Double] = []
    /// Ticks evaluated.
    public var ticks = 0
    /// The first tick with a setup, and the tick before it.
    public var setup: (time: Timestamp, state: StateVector, previous: StateVector?)?
    /// A tick without a setup, at least a minute after the first tick.
    public var noSetup: (time: Timestamp, state: StateVector, previous: StateVector?)?

    /// The `percent` percentile of the lives (nearest rank); nil without setups.
    public func percentile(_ percent: Double) -> Double? {
        guard !seconds.isEmpty else { return nil }
        let sorted = seconds.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Steps `path` from `from` to `to` at `strategy`'s loop rate.
    /// - Throws: `ReplayError` for unreadable data.
    public static func measure(
        _ strategy: CompiledStrategy, path: String, averageDailyVolume: Int64?, from: Timestamp? = nil, to: Timestamp? = nil
    ) throws -> SetupLives {
        var source = try ReplaySource.open(path: path)
        var stepper = StateStepper(
            engine: FeatureEngine(
                symbol: source.symbol, parameters: strategy.definition.features, averageDailyVolume: averageDailyVolume))
        let step = Timestamp.nanosPerSecond / Int64(max(1, strategy.definition.loopHz))
        var lives = SetupLives()
        var previous: StateVector?
        var runs: [PositionSide: Int] = [:]
        var first: Timestamp?
        let start = from ?? strategy.definition.features.sessionOpen
        _ = try stepper.states(every: step, from: start, to: to, source: &source) { time, market in
            let state = StateVector(market: market)
            if first == nil { first = time }
            lives.ticks += 1
            var any = false
            for side in [PositionSide.long, .short] {
                if strategy.entryPasses(side, state, previous: previous) {
                    runs[side, default: 0] += 1
                    any = true
                } else if let run = runs.removeValue(forKey: side) {
                    lives.seconds.append(Double(run) * Double(step) / 1e9)
                }
            }
            if any, lives.setup == nil { lives.setup = (time, state, previous) }
            if !any, lives.noSetup == nil, let first, time - first >= .seconds(60) { lives.noSetup = (time, state, previous) }
            previous = state
            return true
        }
        for run in runs.values { lives.seconds.append(Double(run) * Double(step) / 1e9) }
        return lives
    }
}
