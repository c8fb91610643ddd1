import Analytics
import MarketData

extension BenchRunner {
    /// Times every apply and every state build on its own, over events in memory.
    func measureLatencies(_ events: [TimedEvent], into report: inout BenchReport) {
        var overhead: [Int64] = []
        overhead.reserveCapacity(10_000)
        for _ in 0..<10_000 {
            let start = BenchClock.nanos()
            overhead.append(BenchClock.nanos() - start)
        }
        var perEvent: [Int64] = []
        perEvent.reserveCapacity(events.count)
        var perState: [Int64] = []
        var engine = FeatureEngine(symbol: report.symbol)
        var next: Int64?
        var sink = 0
        for event in events {
            if next == nil { next = event.time.nanos + interval }
            while let tick = next, tick < event.time.nanos {
                let start = BenchClock.nanos()
                let state = engine.marketState(at: Timestamp(nanos: tick))
                perState.append(BenchClock.nanos() - start)
                sink &+= state.bidStack.count
                next = tick + interval
            }
            let start = BenchClock.nanos()
            engine.apply(event)
            perEvent.append(BenchClock.nanos() - start)
        }
        BenchClock.keep(Int64(sink))
        report.timerOverheadNs = BenchClock.percentile(&overhead, 0.5)
        report.eventP50Ns = BenchClock.percentile(&perEvent, 0.5)
        report.eventP99Ns = BenchClock.percentile(&perEvent, 0.99)
        report.stateP50Ns = BenchClock.percentile(&perState, 0.5)
        report.stateP99Ns = BenchClock.percentile(&perState, 0.99)
        report.stateMaxNs = perState.max() ?? 0
    }
}
