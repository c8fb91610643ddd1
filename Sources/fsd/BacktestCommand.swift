import Agent
import ArgumentParser
import Foundation
import MarketData

/// `fsd backtest`: the same loop on simulated time, as fast as the machine allows, then a report.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a strategy on a recorded session: the live loop on simulated time, then a report.",
        discussion: """
            Replays the session through the simulated exchange with the same loop, gate, risk manager \
            and journal as fsd run, as fast as the machine allows. A model's real latency (or the \
            --latency figure) is charged in simulated time, so an answer reaches the gate as late as it \
            would live, and is dropped when older than max_decision_age_ms. --latency 0,2000,12000 runs \
            the day once per figure (journals <journal>-latency-<ms>.jsonl) and prints one row each: \
            trades, P&L, verdicts and the setups lost to latency, so a trader sees what their model's \
            speed costs on real data.

            Prints a summary: trades, win rate, P&L after commissions, max drawdown, decisions by \
            verdict, the agreement matrix model × checklist, model latency percentiles and the speed \
            (events/s, per-tick decision-path p50/p99). --json prints it as one JSON object; \
            --report writes a self-contained HTML page with the equity curve and the price path with \
            every entry and exit.

            How the model is asked, as in fsd decide: --grammar (or --grammar-think) for llama.cpp \
            servers, --timeout for one reply (30 s by default), --max-reply-chars (100000) and \
            --max-request-ms (300000, a retry on a new connection included). The strategy's model: \
            section may set them too; the command line wins. A reply past a limit is a failed request: \
            the agent waits and the journal keeps the reply's beginning (docs/LLM.md). \
            --max-think-tokens N stops a reasoning model's thinking after N tokens and asks once \
            more for the command from the reasoning so far (--on-think-budget wait: WAIT instead); \
            the latency charged is both requests' (momentum.yaml sets 384).

            RVOL_DAY divides by --adv, or without it by the data's .meta.json sidecar's figure \
            (docs/DATA.md, "Dataset metadata"); the summary's Data: line (dataset in --json) says \
            which, from where, and whose prints the data holds. --adv on data the sidecar calls \
            single-venue (LOBSTER: NASDAQ only) warns, as a consolidated figure makes RVOL_DAY read \
            low; --adv-coverage venue says the figure counts the same venues.

            The journal goes to data/logs/backtests/<date>-<symbol>.jsonl (replaced on every \
            backtest), never to a live day's journal; --journal PATH elsewhere, --no-journal for none.
            Without --data the bundled GOOG 2012-06-21 session is used. Exit status: 0 ok, 1 invalid \
            input, 2 runtime failure (data, journal, model server).

            Examples:
              fsd backtest --strategy strategies/momentum.yaml --model rules
              fsd backtest --strategy strategies/momentum.yaml --model rules --from 10:00 --to 12:00 --report out.html
              fsd backtest --strategy strategies/momentum.yaml --model ollama:deepseek-r1:8b --latency 1500 --json
              fsd backtest --strategy strategies/momentum.yaml --model rules --latency 0,2000,12000
              fsd backtest --strategy s.yaml --model recorded:data/logs/2012-06-21-GOOG.jsonl
              fsd backtest --strategy s.yaml --model openai:http://127.0.0.1:8765#gemma3-270m --grammar --timeout 10
            """
    )

    @OptionGroup var options: AgentOptions

    @Option(help: "Start trading at this session time (HH:MM); earlier data only warms up the analytics.")
    var from: String?

    @Option(help: "Stop (flat) at this session time (HH:MM).")
    var to: String?

    @Option(
        help: ArgumentHelp(
            "Charge this model latency in milliseconds per answer instead of the measured one; a list (0,2000,12000) runs the day once per figure and prints the runs side by side.",
            valueName: "ms[,ms…]"))
    var latency: LatencyList?

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Option(help: "Write an HTML report (equity curve, price path with entries and exits) to this file.")
    var report: String?

    @Flag(help: "Write no journal.")
    var noJournal = false

    func validate() throws {
        let start = try SessionTime.validate(from, option: "--from", example: "10:00")
        let end = try SessionTime.validate(to, option: "--to", example: "15:30")
        if let start, let end, end <= start {
            throw ValidationError("--to must be later than --from")
        }
        if let latency, latency.figures.count > 1, report != nil {
            throw ValidationError("--report draws one run: give --latency one figure, or leave --report out")
        }
    }

    func run() async throws {
        let data = try options.replay.path()
        let prepared = try await options.prepare()
        let header = try options.session(of: data)
        let volume = try options.replay.volume(for: data, symbol: header.symbol, date: header.date, readsRVOL: prepared.strategy.readsRVOL)
        let journalPath = noJournal ? nil : options.journal ?? "data/logs/backtests/\(header.date)-\(header.symbol).jsonl"
        let configuration = BacktestRunner.Configuration(
            dataPath: data, from: from.flatMap(SessionTime.parse), to: to.flatMap(SessionTime.parse),
            latency: latency?.figures.first.map { .milliseconds($0) }, journalPath: journalPath, averageDailyVolume: volume.averageDailyVolume,
            exchange: options.exchangeConfiguration, showProgress: isTerminal(2))
        if !json { Console.note("fsd backtest: \(header.symbol) \(header.date), model \(prepared.decider.description)") }
        if let latency, latency.figures.count > 1 {
            try await compare(latency.figures, configuration: configuration, prepared: prepared, dataset: volume.dataset)
            return
        }
        var summary: BacktestSummary
        do {
            summary = try await BacktestRunner(configuration: configuration, strategy: prepared.strategy, decider: prepared.decider).run()
        } catch {
            throw CLIError.runtimeFailure(error)
        }
        summary.dataset = volume.dataset
        if let report {
            try ReportFile.write(HTMLReport.render(summary), to: report)
        }
        Console.write((json ? summary.json : summary.text) + "\n")
        if let report, !json { Console.note("report: \(report)") }
    }
}
