import Agent
import Analytics
import MarketData
public import Strategy

/// The measurements behind `fsd bench`: the same replays, timed the same way every time, so that
/// figures from different days, machines and branches compare.
public struct BenchRunner {
    /// The `backtest` row: the whole `fsd backtest --model rules` path.
    public struct Backtest {
        public var strategy: CompiledStrategy
        /// The strategy's file, for the report.
        public var strategyPath: String
        public var averageDailyVolume: Int64?

        public init(strategy: CompiledStrategy, strategyPath: String, averageDailyVolume: Int64? = nil) {
            self.strategy = strategy
            self.strategyPath = strategyPath
            self.averageDailyVolume = averageDailyVolume
        }
    }

    /// A LOBSTER message file or an `.fsdr` recording.
    public let path: String
    /// Runs of each measurement; the median is reported.
    public let runs: Int
    /// Nanoseconds of data time between state builds.
    public let interval: Int64
    /// Stop after the two reading measurements.
    public var readingOnly: Bool
    /// The backtest row, measured after the streaming rows; nil to leave it out.
    public var backtest: Backtest?

    public init(path: String, runs: Int, interval: Int64, readingOnly: Bool = false, backtest: Backtest? = nil) {
        self.path = path
        self.runs = max(1, runs)
        self.interval = interval
        self.readingOnly = readingOnly
        self.backtest = backtest
    }

    /// Runs every measurement and reports the medians.
    /// - Throws: `ReplayError` for data that cannot be read; what `BacktestRunner.run()` throws.
    public func measure() async throws -> BenchReport {
        var report = BenchReport(data: path)
        let probe = try ReplaySource.open(path: path)
        report.symbol = probe.symbol
        report.format = probe.format.rawValue

        report.readOnly = try rate { () throws -> (Int, BenchClock.Elapsed) in
            let source = try ReplaySource.open(path: path)
            var checksum: Int64 = 0
            var count = 0
            var batches = 0
            let elapsed = try BenchClock.time {
                try Self.replay(source) { event in
                    checksum &+= event.time.nanos
                    count += 1
                    if event.endsBatch { batches += 1 }
                }
            }
            report.events = count
            report.messages = batches
            BenchClock.keep(checksum)
            return (count, elapsed)
        }
        report.readBookFeatures = try rate { () throws -> (Int, BenchClock.Elapsed) in
            let source = try ReplaySource.open(path: path)
            var engine = FeatureEngine(symbol: source.symbol)
            let elapsed = try BenchClock.time {
                try Self.replay(source) { event in engine.apply(event) }
            }
            report.trades = engine.tradeCount
            return (engine.eventCount, elapsed)
        }
        if readingOnly { return report.withMessageRates() }
        try measureFull(into: &report)
        report.peakMemoryStreamingMB = BenchClock.peakMemoryMB()
        if let backtest {
            try await measure(backtest, into: &report)
            report.peakMemoryBacktestMB = BenchClock.peakMemoryMB()
        }

        let events = try loadEvents()
        report.bookFeaturesInMemory = rate { () -> (Int, BenchClock.Elapsed) in
            var engine = FeatureEngine(symbol: report.symbol)
            let elapsed = BenchClock.time { for event in events { engine.apply(event) } }
            return (events.count, elapsed)
        }
        report.bookOnlyInMemory = rate { () -> (Int, BenchClock.Elapsed) in
            var book = OrderBook()
            var sink: Int64 = 0
            let elapsed = BenchClock.time {
                for event in events {
                    if case .depth(let update) = event.event { book.apply(update) }
                    sink &+= (book.bestBid?.price.raw ?? 0) &+ (book.bestAsk?.price.raw ?? 0)
                }
            }
            BenchClock.keep(sink)
            return (events.count, elapsed)
        }
        measureLatencies(events, into: &report)
        report.peakMemoryMB = BenchClock.peakMemoryMB()
        return report.withMessageRates()
    }

    /// The reader, the book, every feature and a state build every `interval` of data time, as the agent does.
    private func measureFull(into report: inout BenchReport) throws {
        var statesPerSecond: [Double] = []
        report.full = try rate { () throws -> (Int, BenchClock.Elapsed) in
            let source = try ReplaySource.open(path: path)
            var engine = FeatureEngine(symbol: source.symbol)
            var next: Int64?
            var states = 0
            var sink = 0
            let elapsed = try BenchClock.time {
                try Self.replay(source) { event in
                    if next == nil { next = event.time.nanos + interval }
                    while let tick = next, tick < event.time.nanos {
                        sink &+= engine.marketState(at: Timestamp(nanos: tick)).domWalls.count
                        states += 1
                        next = tick + interval
                    }
                    engine.apply(event)
                }
            }
            BenchClock.keep(Int64(sink))
            report.stateBuilds = states
            statesPerSecond.append(Double(states) / elapsed.wall)
            return (engine.eventCount, elapsed)
        }
        report.fullStateBuildsPerSecond = BenchClock.median(statesPerSecond)
    }

    /// Every event of the file through `read(into:)`: the reader fills a batch in its tight loop
    /// and the body runs over it, as a replay that owns its loop can.
    static func replay(_ source: ReplaySource, _ body: (TimedEvent) -> Void) throws {
        let batch = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 256)
        defer { batch.deallocate() }
        while true {
            let count = try source.read(into: batch)
            if count == 0 { return }
            for index in 0..<count { body(batch[index]) }
        }
    }

    private func loadEvents() throws -> [TimedEvent] {
        let source = try ReplaySource.open(path: path)
        var events: [TimedEvent] = []
        while let event = try source.next() { events.append(event) }
        return events
    }

    /// Runs `body` `runs` times; the median events per wall-clock second and per CPU second.
    func rate(_ body: () throws -> (Int, BenchClock.Elapsed)) rethrows -> Throughput {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let (count, elapsed) = try body()
            wall.append(Double(count) / elapsed.wall)
            cpu.append(Double(count) / elapsed.cpu)
        }
        return Throughput(wall: BenchClock.median(wall), cpu: BenchClock.median(cpu))
    }
}
