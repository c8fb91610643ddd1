public import MarketData
public import StateVector

/// Replays events through a `FeatureEngine` and hands out the market state at chosen moments of
/// the session clock: the engine behind `fsd state`. Every window is measured back from the
/// moment asked for, not from the last event before it.
public struct StateStepper: Sendable {
    /// The engine, with every event applied so far.
    public private(set) var engine: FeatureEngine

    public init(engine: FeatureEngine) {
        self.engine = engine
    }

    /// Applies every event at or before `time` and returns the state at `time`.
    /// - Throws: `ReplayError` from the reader.
    public mutating func state(at time: Timestamp, from source: inout some EventReader) throws -> MarketState {
        while let event = try source.next() {
            guard event.time <= time else { break }
            engine.apply(event)
        }
        return engine.marketState(at: time)
    }

    /// Hands `emit` the state at each multiple of `step` nanoseconds of the session clock, from the
    /// first event (or `from`) to the last (or `to`); the state at a moment sees every event at or
    /// before it, as `state(at:)` does, and none after it.
    /// - Parameter emit: returns false to stop (its output closed, say).
    /// - Returns: the first moment a state was handed out at (nil for none, or for a step that is not
    ///   positive) and how many were.
    /// - Throws: `ReplayError` from the reader.
    public mutating func states(
        every step: Int64, from: Timestamp? = nil, to: Timestamp? = nil, source: inout some EventReader,
        emit: (Timestamp, MarketState) -> Bool
    ) throws -> (first: Timestamp?, count: Int) {
        guard step > 0 else { return (nil, 0) }
        var next: Int64?
        var count = 0
        var first: Timestamp?
        var stopped = false
        func emitStates(until limit: Int64, engine: inout FeatureEngine) {
            while !stopped, let tick = next, tick < limit, to.map({ tick <= $0.nanos }) ?? true {
                let time = Timestamp(nanos: tick)
                if first == nil { first = time }
                count += 1
                next = tick + step
                stopped = !emit(time, engine.marketState(at: time))
            }
        }
        var lastTime: Int64?
        while !stopped, let event = try source.next() {
            if next == nil {
                let start = max(from?.nanos ?? event.time.nanos, 0)
                next = (start + step - 1) / step * step
            }
            emitStates(until: event.time.nanos, engine: &engine)
            if let to, event.time > to { break }
            engine.apply(event)
            lastTime = event.time.nanos
        }
        if let lastTime { emitStates(until: (to?.nanos).map { $0 + 1 } ?? lastTime + 1, engine: &engine) }
        return (first, count)
    }
}
