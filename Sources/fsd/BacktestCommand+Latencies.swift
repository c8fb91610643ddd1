import Agent
import ArgumentParser

/// `--latency 0,2000,12000`: one figure, or several for a side-by-side comparison.
struct LatencyList: ExpressibleByArgument {
    var figures: [Int64]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let figures = parts.compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, figures.count == parts.count, figures.allSatisfy({ (0...600_000).contains($0) }),
            Set(figures).count == figures.count, figures.count <= 12
        else { return nil }
        self.figures = figures
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension BacktestCommand {
    /// Runs the day once per latency figure, each with its own journal, and prints the rows.
    func compare(
        _ figures: [Int64], configuration: BacktestRunner.Configuration, prepared: AgentOptions.Prepared, dataset: BacktestDataset?
    ) async throws {
        var rows: [LatencyComparison.Row] = []
        for figure in figures {
            var run = configuration
            run.latency = .milliseconds(figure)
            run.journalPath = configuration.journalPath.map { Self.journal($0, latency: figure) }
            if !json { Console.note("fsd backtest: --latency \(figure) (\(rows.count + 1) of \(figures.count))") }
            do {
                var summary = try await BacktestRunner(configuration: run, strategy: prepared.strategy, decider: prepared.decider).run()
                summary.dataset = dataset
                rows.append(LatencyComparison.Row(latencyMs: figure, summary: summary))
            } catch {
                throw CLIError.runtimeFailure(error)
            }
        }
        let comparison = LatencyComparison(rows: rows)
        Console.write((json ? comparison.json : comparison.text) + "\n")
    }

    /// `day.jsonl` → `day-latency-12000.jsonl`: one journal per run, none overwriting another.
    static func journal(_ path: String, latency: Int64) -> String {
        let suffix = "-latency-\(latency)"
        if path.hasSuffix(".jsonl") { return String(path.dropLast(6)) + suffix + ".jsonl" }
        return path + suffix
    }
}
