import Analytics
import ArgumentParser
import Foundation
import MarketData
import StateVector

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fsd bench`: replay throughput and latency of the reader, the book and the features.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure replay throughput (messages/s, events/s) and per-event and per-state latency.",
        discussion: """
            Replays --data several times (--runs, median reported) in five ways, so the reader and \
            the features can be compared honestly with other engines:
              read only             the reader alone: decompress, parse, make events
              read+book+features    the reader, the L2 book and every feature
              full                  the same plus a state build every 200 ms of data time, as the agent does
              book+features (mem)   events already in memory (like the peers in PERFORMANCE.md)
              book only (mem)       events in memory, the L2 book alone, reading the best bid and ask
            Rates are given per LOBSTER message (one row of the message file: the unit PERFORMANCE.md \
            and other engines count) and per event (our book deltas and trades: a message makes one or \
            more), per wall-clock second and per CPU second of all the process's threads (the LOBSTER \
            reader inflates and parses on background threads; on a busy machine the CPU rate is fairer).

            Then, on events in memory, every apply and every state build is timed on its own for the \
            p50 and p99 (a timer read costs tens of nanoseconds and is included; its own median is \
            shown). Peak memory is the process's maximum resident set (getrusage), after the \
            streaming runs and at the end (the in-memory runs hold every event).

            Build in release for meaningful figures (swift build -c release). For the binary format, \
            convert first: fsd convert --data FILE --out day.fsdr, then fsd bench --data day.fsdr.

            Examples:
              fsd bench
              fsd bench --data ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_1.csv.gz --json
              fsd bench --data day.fsdr --runs 9
              perf record -g fsd bench --reading-only --runs 20

            Exit codes: 0 measured, 1 invalid data or arguments, 2 unreadable file.
            """
    )

    @Option(help: "A LOBSTER message file (.csv or .csv.gz) or an .fsdr recording; default: the bundled GOOG sample.")
    var data: String?

    @Option(help: "Runs of each streaming and in-memory measurement; the median is reported.")
    var runs = 5

    @Option(help: "Milliseconds of data time between state builds.")
    var stateIntervalMs = 200

    @Flag(help: "Measure only the two reading rows (read only, read+book+features), e.g. under a profiler.")
    var readingOnly = false

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        do {
            guard (1...100).contains(runs) else {
                throw CommandFailure("error: --runs \(runs): expected 1 to 100", exitCode: 1)
            }
            guard (1...3_600_000).contains(stateIntervalMs) else {
                throw CommandFailure(
                    "error: --state-interval-ms \(stateIntervalMs): expected 1 to 3600000", exitCode: 1)
            }
            let path = try ReplayInput.resolve(data)
            let report = try BenchRunner(
                path: path, runs: runs, interval: Int64(stateIntervalMs) * Timestamp.nanosPerMillisecond,
                readingOnly: readingOnly
            )
            .measure()
            print(json ? report.json : report.text)
        } catch let failure as CommandFailure {
            CommandFailure.report(failure.message)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// The measurements behind `fsd bench`.
struct BenchRunner {
    let path: String
    let runs: Int
    let interval: Int64
    /// Stop after the two reading measurements.
    var readingOnly = false

    func measure() throws -> BenchReport {
        var report = BenchReport(data: path)
        let probe = try ReplayInput.open(path)
        report.symbol = probe.symbol
        report.format = probe.format.rawValue

        report.readOnly = try rate { () throws -> (Int, Elapsed) in
            let source = try ReplayInput.open(path)
            var checksum: Int64 = 0
            var count = 0
            var batches = 0
            let elapsed = try Self.time {
                try Self.replay(source) { event in
                    checksum &+= event.time.nanos
                    count += 1
                    if event.endsBatch { batches += 1 }
                    return true
                }
            }
            report.events = count
            report.messages = batches
            if checksum == 42 { CommandFailure.report("") }  // keeps the loop from being optimised away
            return (count, elapsed)
        }
        report.readBookFeatures = try rate { () throws -> (Int, Elapsed) in
            let source = try ReplayInput.open(path)
            var engine = FeatureEngine(symbol: source.symbol)
            let elapsed = try Self.time {
                try Self.replay(source) { event in
                    engine.apply(event)
                    return true
                }
            }
            report.trades = engine.tradeCount
            return (engine.eventCount, elapsed)
        }
        var statesPerSecond: [Double] = []
        if readingOnly { return report.withMessageRates() }
        report.full = try rate { () throws -> (Int, Elapsed) in
            let source = try ReplayInput.open(path)
            var engine = FeatureEngine(symbol: source.symbol)
            var next: Int64?
            var states = 0
            var sink = 0
            let elapsed = try Self.time {
                try Self.replay(source) { event in
                    if next == nil { next = event.time.nanos + interval }
                    while let tick = next, tick < event.time.nanos {
                        sink &+= engine.marketState(at: Timestamp(nanos: tick)).domWalls.count
                        states += 1
                        next = tick + interval
                    }
                    engine.apply(event)
                    return true
                }
            }
            if sink == -1 { CommandFailure.report("") }
            report.stateBuilds = states
            statesPerSecond.append(Double(states) / elapsed.wall)
            return (engine.eventCount, elapsed)
        }
        report.fullStateBuildsPerSecond = statesPerSecond.sorted()[statesPerSecond.count / 2]
        report.peakMemoryStreamingMB = Self.peakMemoryMB()

        let events = try loadEvents()
        report.bookFeaturesInMemory = rate { () -> (Int, Elapsed) in
            var engine = FeatureEngine(symbol: report.symbol)
            let elapsed = Self.time { for event in events { engine.apply(event) } }
            return (events.count, elapsed)
        }
        report.bookOnlyInMemory = rate { () -> (Int, Elapsed) in
            var book = OrderBook()
            var sink: Int64 = 0
            let elapsed = Self.time {
                for event in events {
                    if case .depth(let update) = event.event { book.apply(update) }
                    sink &+= (book.bestBid?.price.raw ?? 0) &+ (book.bestAsk?.price.raw ?? 0)
                }
            }
            if sink == 42 { CommandFailure.report("") }
            return (events.count, elapsed)
        }
        measureLatencies(events, into: &report)
        report.peakMemoryMB = Self.peakMemoryMB()
        return report.withMessageRates()
    }

    /// `ReplayInput.replay` through `read(into:)`: the reader fills a batch in its tight loop and
    /// the body runs over it, as a replay that owns its loop can.
    private static func replay(_ source: ReplaySource, _ body: (TimedEvent) -> Bool) throws {
        let batch = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 256)
        defer { batch.deallocate() }
        do {
            while true {
                let count = try source.read(into: batch)
                if count == 0 { return }
                for index in 0..<count {
                    guard body(batch[index]) else { return }
                }
            }
        } catch let error as ReplayError {
            throw CommandFailure("\(error)", exitCode: error.exitCode)
        }
    }

    private func loadEvents() throws -> [TimedEvent] {
        let source = try ReplayInput.open(path)
        var events: [TimedEvent] = []
        try ReplayInput.replay(source, path: path) { event in
            events.append(event)
            return true
        }
        return events
    }

    /// Times every apply and every state build on its own, over events in memory.
    private func measureLatencies(_ events: [TimedEvent], into report: inout BenchReport) {
        var overhead: [Int64] = []
        overhead.reserveCapacity(10_000)
        for _ in 0..<10_000 {
            let start = Self.nanos()
            overhead.append(Self.nanos() - start)
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
                let start = Self.nanos()
                let state = engine.marketState(at: Timestamp(nanos: tick))
                perState.append(Self.nanos() - start)
                sink &+= state.bidStack.count
                next = tick + interval
            }
            let start = Self.nanos()
            engine.apply(event)
            perEvent.append(Self.nanos() - start)
        }
        if sink == -1 { CommandFailure.report("") }
        report.timerOverheadNs = Self.percentile(&overhead, 0.5)
        report.eventP50Ns = Self.percentile(&perEvent, 0.5)
        report.eventP99Ns = Self.percentile(&perEvent, 0.99)
        report.stateP50Ns = Self.percentile(&perState, 0.5)
        report.stateP99Ns = Self.percentile(&perState, 0.99)
        report.stateMaxNs = perState.max() ?? 0
    }

    /// Seconds of wall-clock time and of CPU time (all the process's threads).
    struct Elapsed {
        var wall: Double
        var cpu: Double
    }

    /// Runs `body` `runs` times; the median events per wall-clock second and per CPU second.
    private func rate(_ body: () throws -> (Int, Elapsed)) rethrows -> Throughput {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let (count, elapsed) = try body()
            wall.append(Double(count) / elapsed.wall)
            cpu.append(Double(count) / elapsed.cpu)
        }
        return Throughput(wall: wall.sorted()[runs / 2], cpu: cpu.sorted()[runs / 2])
    }

    private static func time(_ body: () throws -> Void) rethrows -> Elapsed {
        let wallStart = nanos()
        let cpuStart = nanos(CLOCK_PROCESS_CPUTIME_ID)
        try body()
        return Elapsed(
            wall: Double(max(1, nanos() - wallStart)) / 1e9,
            cpu: Double(max(1, nanos(CLOCK_PROCESS_CPUTIME_ID) - cpuStart)) / 1e9)
    }

    static func nanos(_ clock: clockid_t = CLOCK_MONOTONIC) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    private static func percentile(_ values: inout [Int64], _ fraction: Double) -> Int64 {
        guard !values.isEmpty else { return 0 }
        values.sort()
        return values[min(values.count - 1, Int(Double(values.count) * fraction))]
    }

    /// The process's peak resident set in MiB (`ru_maxrss` is KiB on Linux, bytes on macOS).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if canImport(Darwin)
            return Double(usage.ru_maxrss) / 1_048_576
        #else
            return Double(usage.ru_maxrss) / 1024
        #endif
    }
}

/// Events per second of wall-clock time and per second of CPU time: on a machine shared with
/// other work the second is the fairer figure (time spent descheduled is not counted).
struct Throughput: Codable {
    /// Events (deltas and trades) per second.
    var wall = 0.0
    var cpu = 0.0
    /// LOBSTER messages per second: the unit of PERFORMANCE.md and of the peers' figures.
    var wallMessages = 0.0
    var cpuMessages = 0.0

    mutating func addMessageRates(messagesPerEvent: Double) {
        wallMessages = wall * messagesPerEvent
        cpuMessages = cpu * messagesPerEvent
    }
}

/// What `fsd bench` reports.
struct BenchReport: Codable {
    var data: String
    var symbol = ""
    var format = ""
    var events = 0
    /// Batches: one per exchange message that changed something (PERFORMANCE.md counts these).
    var messages = 0
    var trades = 0
    var stateBuilds = 0
    /// Events per second, by stage.
    var readOnly = Throughput()
    var readBookFeatures = Throughput()
    var full = Throughput()
    var fullStateBuildsPerSecond = 0.0
    var bookFeaturesInMemory = Throughput()
    var bookOnlyInMemory = Throughput()
    var timerOverheadNs: Int64 = 0
    var eventP50Ns: Int64 = 0
    var eventP99Ns: Int64 = 0
    var stateP50Ns: Int64 = 0
    var stateP99Ns: Int64 = 0
    var stateMaxNs: Int64 = 0
    var peakMemoryStreamingMB = 0.0
    var peakMemoryMB = 0.0

    init(data: String) { self.data = data }

    func withMessageRates() -> BenchReport {
        var report = self
        let perEvent = Double(messages) / Double(max(events, 1))
        for path in [\BenchReport.readOnly, \.readBookFeatures, \.full, \.bookFeaturesInMemory, \.bookOnlyInMemory] {
            report[keyPath: path].addMessageRates(messagesPerEvent: perEvent)
        }
        return report
    }

    var text: String {
        func row(_ name: String, _ rate: Throughput) -> String {
            let label = name.padding(toLength: 22, withPad: " ", startingAt: 0)
            return "  " + label
                + String(
                    format: "%8.2f M %8.2f M     %8.2f M %8.2f M", rate.wallMessages / 1e6, rate.wall / 1e6,
                    rate.cpuMessages / 1e6, rate.cpu / 1e6)
        }
        var lines = [
            "\(symbol) \(format) \(data)",
            "\(messages) messages (LOBSTER rows; the peers' events) = \(events) events (deltas and trades), "
                + "\(trades) trades; medians of the runs",
            "                        per wall-clock second      per CPU second (all threads)",
            "                        messages     events        messages     events",
            row("read only", readOnly),
            row("read+book+features", readBookFeatures),
        ]
        // `--reading-only` stops before the rest.
        guard full.wall > 0 else { return lines.joined(separator: "\n") }
        lines += [
            row("full (+ states)", full),
            row("book+features (mem)", bookFeaturesInMemory),
            row("book only (mem)", bookOnlyInMemory),
            "state builds     \(stateBuilds), \(String(format: "%.0f", fullStateBuildsPerSecond)) per wall-clock second "
                + "in the full replay",
            "per event        p50 \(eventP50Ns) ns   p99 \(eventP99Ns) ns",
            "per state build  p50 \(stateP50Ns) ns   p99 \(stateP99Ns) ns   max \(stateMaxNs) ns",
            "(timer overhead, included above: \(timerOverheadNs) ns)",
            "peak memory      \(String(format: "%.1f", peakMemoryStreamingMB)) MiB streaming, "
                + "\(String(format: "%.1f", peakMemoryMB)) MiB with every event in memory",
        ]
        return lines.joined(separator: "\n")
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
