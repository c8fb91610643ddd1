import ArgumentParser
import Bench
import MarketData

/// `fsd bench`: replay throughput and latency of the reader, the book and the features.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure replay and backtest throughput (messages/s, events/s), per-event, per-state and per-tick latency.",
        discussion: """
            Replays --data several times (--runs, median reported) in six ways, so the reader, the \
            features and the whole agent can be compared honestly with other engines:
              read only             the reader alone: decompress, parse, make events
              read+book+features    the reader, the L2 book and every feature
              full                  the same plus a state build every 200 ms of data time, as the agent does
              book+features (mem)   events already in memory (like the peers in PERFORMANCE.md)
              book only (mem)       events in memory, the L2 book alone, reading the best bid and ask
              backtest (rules)      the whole fsd backtest --model rules --no-journal path on --strategy \
            (strategies/momentum.yaml by default) with --adv: the loop, the checklist, the gate, risk and \
            the simulated exchange; also the wall time of the day and the per-tick decision path p50/p99
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

            --json prints one object; the backtest row is backtest (its rates per wall-clock and CPU \
            second, like the other rows), backtest_messages_per_second, backtest_events_per_second, \
            backtest_wall_seconds, backtest_tick_p50_ns and backtest_tick_p99_ns.

            Examples:
              fsd bench
              fsd bench --strategy strategies/momentum.yaml --adv 2100000
              fsd bench --data ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_1.csv.gz --json
              fsd bench --data day.fsdr --runs 9
              perf record -g fsd bench --reading-only --runs 20

            Exit codes: 0 measured, 1 invalid data, strategy or arguments, 2 unreadable file.
            """
    )

    @OptionGroup var replay: ReplayOptions

    @Option(help: "The strategy the backtest row runs with --model rules (default: strategies/momentum.yaml).")
    var strategy: String?

    @Option(help: "Runs of each streaming and in-memory measurement; the median is reported.")
    var runs = 5

    @Option(help: "Milliseconds of data time between state builds.")
    var stateIntervalMs = 200

    @Flag(help: "Measure only the two reading rows (read only, read+book+features), e.g. under a profiler; no backtest.")
    var readingOnly = false

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        guard (1...100).contains(runs) else { throw ValidationError("--runs \(runs): expected 1 to 100") }
        guard (1...3_600_000).contains(stateIntervalMs) else {
            throw ValidationError("--state-interval-ms \(stateIntervalMs): expected 1 to 3600000")
        }
    }

    func run() async throws {
        let path = try replay.path()
        var backtest: BenchRunner.Backtest?
        if !readingOnly {
            let strategyPath = try strategy ?? BundledFile.locate(BundledFile.momentum, option: "--strategy")
            let strategy = try StrategyFile.load(strategyPath)
            let volume = try replay.volume(for: path)
            backtest = .init(strategy: strategy, strategyPath: strategyPath, averageDailyVolume: volume.averageDailyVolume)
        }
        let runner = BenchRunner(
            path: path, runs: runs, interval: Int64(stateIntervalMs) * Timestamp.nanosPerMillisecond,
            readingOnly: readingOnly, backtest: backtest)
        let report = try await runner.measure()
        Console.line(json ? report.json : report.text)
    }
}
