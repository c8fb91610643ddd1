import Agent
import ArgumentParser
import MarketData

/// `fsd run`: the live loop. With `--broker sim` (the default) it replays a recorded session through
/// the simulated exchange in real time or faster.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: the 5 Hz loop, the gate, risk, the journal, with a live one-screen view.",
        discussion: """
            With --broker sim (the default) the agent trades a recorded session through the simulated \
            exchange: by default the real GOOG 2012-06-21 level-10 session bundled in data/sample/, \
            replayed in real time (--speed 1) or N times faster (--speed 0 runs as fast as possible).

            The model defaults to ollama's deepseek-r1:8b at 127.0.0.1:11434 and is checked at start: \
            when no server answers, the run stops and says how to start one. --model rules lets the \
            compiled checklist decide alone (no model server needed); every screen and report says so.

            How the model is asked, as in fsd decide: --grammar (or --grammar-think) for llama.cpp \
            servers, --timeout for one reply (30 s by default), --max-reply-chars (100000) and \
            --max-request-ms (300000, a retry on a new connection included). The strategy's model: \
            section may set them too; the command line wins. A reply past a limit is a failed request: \
            the agent waits and the journal keeps the reply's beginning (docs/LLM.md). \
            --max-think-tokens N stops a reasoning model's thinking after N tokens and asks once \
            more for the command from the reasoning so far (--on-think-budget wait: WAIT instead); \
            the latency charged is both requests' (momentum.yaml sets 384).

            Every step is journaled to data/logs/<date>-<symbol>.jsonl, one JSON object per line, \
            flushed per line. A restart on the same day and account reads it back: P&L, trade count, \
            a halt and the working orders survive a crash (kill -9), and the replay resumes where the \
            journal ends. Editing the strategy file while running swaps it in at the next tick when it \
            compiles and raises none of the day's loss limits (max_daily_loss, max_position, \
            position_size, max_trades_per_day, max_risk_per_share may only be tightened; a restart \
            raises them); otherwise its diagnostics are printed and the running strategy stays.

            With --broker ibkr it trades live through TWS / IB Gateway (--host, --port 7497 paper TWS by \
            default, --client-id): it connects, waits until positions, orders and executions are read \
            back, checks the symbol (--symbol, else the strategy's `symbol:`), takes the average daily volume from TWS unless --adv is given, and \
            refuses new entries while the connection is not ready (see docs/IBKR.md).

            Ctrl-C stops cleanly: cancel every order, flatten, journal. Exit status: 0 ok, 1 invalid \
            input (options, strategy), 2 runtime failure (data, journal, model server).

            Examples:
              fsd run --strategy strategies/momentum.yaml --model rules --speed 60
              fsd run --strategy strategies/momentum.yaml                  # ollama deepseek-r1:8b, real time
              fsd run --strategy strategies/momentum.yaml --model openai:http://127.0.0.1:8765#gemma3-270m --grammar
              fsd run --broker ibkr --symbol TSLA --strategy strategies/momentum.yaml --model rules
              fsd run --broker ibkr --symbol TSLA --strategy strategies/momentum.yaml --port 4002 --client-id 3
              fsd run --strategy my.yaml --data ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_1.csv.gz
            See docs/AGENT.md for the loop, the gate, the journal and crash recovery.
            """
    )

    @OptionGroup var options: AgentOptions

    @Option(help: "sim (replay through the simulated exchange) or ibkr (TWS / IB Gateway).")
    var broker: BrokerKind = .sim

    @Option(help: "Replay speed: data seconds per wall second; 0 = as fast as possible.")
    var speed: Double = 1

    @Option(help: "Account name the journal keeps the day for (default: sim, or the IBKR managed account).")
    var account: String?

    @OptionGroup var tws: TWSOptions

    @Option(help: "Stop cleanly at this session time (HH:MM or HH:MM:SS).")
    var until: String?

    @Flag(help: "Print plain log lines instead of the one-screen view (the default when stdout is not a terminal).")
    var plain = false

    func validate() throws {
        guard speed >= 0, speed <= 1_000_000 else { throw ValidationError("--speed must be between 0 and 1000000 (0 = as fast as possible)") }
        _ = try SessionTime.validate(until, option: "--until", example: "11:30")
        if broker == .ibkr, let symbol = options.symbol, !Self.isStockSymbol(symbol) {
            throw ValidationError("--symbol \(symbol): expected a US stock symbol such as TSLA")
        }
    }

    static func isStockSymbol(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0 == "." }
    }

    func run() async throws {
        switch broker {
        case .sim: try await runReplay()
        case .ibkr: try await runIBKR()
        }
    }

    private func runReplay() async throws {
        let data = try options.replay.path()
        let prepared = try await options.prepare()
        let (symbol, date) = try options.session(of: data)
        let volume = try options.replay.volume(for: data, symbol: symbol, date: date, readsRVOL: prepared.strategy.readsRVOL)
        let journalPath = options.journal ?? "data/logs/\(date)-\(symbol).jsonl"
        let terminal = !plain && isTerminal(1)
        let stop = StopRequest()
        let signals = SignalHandlers(stop: stop)
        defer { signals.cancel() }
        var configuration = LiveRunner.Configuration(
            dataPath: data, strategyPath: options.strategy, speed: speed, journalPath: journalPath, account: account ?? "sim",
            averageDailyVolume: volume.averageDailyVolume, exchange: options.exchangeConfiguration, view: terminal ? .terminal : .plain,
            until: until.flatMap(SessionTime.parse))
        configuration.overrides = options.overrides
        if options.symbol == nil, let named = prepared.strategy.definition.symbol, named.uppercased() != symbol {
            Console.note("the strategy names \(named) (used with --broker ibkr); this replay trades its data's symbol, \(symbol)")
        }
        Console.note("fsd run: \(symbol) \(date) via the simulated exchange, speed \(speed == 0 ? "max" : "×\(speed)"), model \(prepared.decider.description)")
        Console.note("journal: \(journalPath)")
        if terminal { Console.write("\u{1B}[2J\u{1B}[?25l") }
        let runner = LiveRunner(
            configuration: configuration, strategy: prepared.strategy, strategyText: prepared.text, decider: prepared.decider,
            stopRequest: stop, output: { line in Console.view(line, stop: stop) })
        do {
            var summary = try await runner.run()
            summary.dataset = volume.dataset
            if terminal { Console.write("\u{1B}[?25h\n") }
            Console.write(summary.text + "\n")
        } catch {
            if terminal { Console.write("\u{1B}[?25h\n") }
            throw CLIError.runtimeFailure(error)
        }
    }

    private func runIBKR() async throws {
        let prepared = try await options.prepare()
        // --symbol wins; otherwise the strategy's own `symbol:` is what it was written for.
        guard let symbol = options.symbol ?? prepared.strategy.definition.symbol, Self.isStockSymbol(symbol) else {
            throw CLIError.invalidInput(
                "--broker ibkr needs a symbol: pass --symbol, a US stock such as TSLA, or set `symbol:` in \(options.strategy)")
        }
        let session = IBKRRunSession(host: tws.host, port: tws.port, clientID: tws.clientID ?? 1, symbol: symbol.uppercased())
        let (connection, contract, adv) = try await session.connect(adv: options.adv)
        let terminal = !plain && isTerminal(1)
        let stop = StopRequest()
        let signals = SignalHandlers(stop: stop)
        defer { signals.cancel() }
        var configuration = LiveRunner.Configuration(
            dataPath: "", strategyPath: options.strategy, speed: 1, journalPath: "", averageDailyVolume: adv,
            view: terminal ? .terminal : .plain, until: until.flatMap(SessionTime.parse))
        configuration.overrides = options.overrides
        try await session.run(
            connection: connection, contract: contract, configuration: configuration, prepared: prepared, journalOverride: options.journal,
            accountOverride: account, stop: stop, terminal: terminal)
    }
}
