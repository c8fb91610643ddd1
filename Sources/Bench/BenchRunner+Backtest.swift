import Agent

extension BenchRunner {
    /// The whole `fsd backtest --model rules` path on the day, `runs` times: `BacktestRunner.run()`
    /// from opening the data to the summary, timed from outside, with no journal (as
    /// `--no-journal`) so that the disk does not decide the figure. Events per second count the
    /// events the backtest applied; messages per second follow from the data's messages per event.
    func measure(_ backtest: Backtest, into report: inout BenchReport) async throws {
        var wall: [Double] = []
        var cpu: [Double] = []
        var seconds: [Double] = []
        var p50: [Double] = []
        var p99: [Double] = []
        var last: BacktestSummary?
        for _ in 0..<runs {
            let runner = BacktestRunner(
                configuration: .init(dataPath: path, averageDailyVolume: backtest.averageDailyVolume),
                strategy: backtest.strategy, decider: .rules())
            var summary: BacktestSummary?
            let elapsed = try await BenchClock.timeAsync { summary = try await runner.run() }
            guard let summary else { continue }
            let events = Double(summary.statistics.events)
            wall.append(events / elapsed.wall)
            cpu.append(events / elapsed.cpu)
            seconds.append(elapsed.wall)
            if let tick = summary.tickP50 { p50.append(Double(tick)) }
            if let tick = summary.tickP99 { p99.append(Double(tick)) }
            last = summary
        }
        guard let last else { return }
        report.backtest = Throughput(wall: BenchClock.median(wall), cpu: BenchClock.median(cpu))
        report.backtestStrategy = backtest.strategyPath
        report.backtestEvents = last.statistics.events
        report.backtestTicks = last.statistics.ticks
        report.backtestTrades = last.statistics.trades.count
        report.backtestWallSeconds = BenchClock.median(seconds)
        report.backtestTickP50Ns = p50.isEmpty ? nil : Int64(BenchClock.median(p50))
        report.backtestTickP99Ns = p99.isEmpty ? nil : Int64(BenchClock.median(p99))
    }
}
