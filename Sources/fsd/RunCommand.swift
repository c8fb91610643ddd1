import Agent
import ArgumentParser
import Brain
import Dispatch
import Execution
import Foundation
import IBKR
import MarketData
import Strategy

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

            Every step is journaled to data/logs/<date>-<symbol>.jsonl, one JSON object per line, \
            flushed per line. A restart on the same day and account reads it back: P&L, trade count, \
            a halt and the working orders survive a crash (kill -9), and the replay resumes where the \
            journal ends. Editing the strategy file while running swaps it in at the next tick when it \
            compiles; otherwise its diagnostics are printed and the running strategy stays.

            With --broker ibkr it trades live through TWS / IB Gateway (--host, --port 7497 paper TWS by \
            default, --client-id): it connects, waits until positions, orders and executions are read \
            back, checks --symbol, takes the average daily volume from TWS unless --adv is given, and \
            refuses new entries while the connection is not ready (see docs/IBKR.md).

            Ctrl-C stops cleanly: cancel every order, flatten, journal. Exit status: 0 ok, 1 invalid \
            input (options, strategy), 2 runtime failure (data, journal, model server).

            Examples:
              fsd run --strategy strategies/momentum.yaml --model rules --speed 60
              fsd run --strategy strategies/momentum.yaml                  # ollama deepseek-r1:8b, real time
              fsd run --strategy strategies/momentum.yaml --model openai:http://127.0.0.1:8765#gemma3-270m
              fsd run --broker ibkr --symbol TSLA --strategy strategies/momentum.yaml --model rules
              fsd run --broker ibkr --symbol TSLA --strategy strategies/momentum.yaml --port 4002 --client-id 3
              fsd run --strategy my.yaml --data ../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_1.csv.gz
            See docs/AGENT.md for the loop, the gate, the journal and crash recovery.
            """
    )

    @OptionGroup var options: AgentOptions

    @Option(help: "sim (replay through the simulated exchange) or ibkr.")
    var broker = "sim"

    @Option(help: "Replay speed: data seconds per wall second; 0 = as fast as possible.")
    var speed: Double = 1

    @Option(help: "Account name the journal keeps the day for (default: sim, or the IBKR managed account).")
    var account: String?

    @Option(help: "--broker ibkr: TWS / IB Gateway host.")
    var host = "127.0.0.1"

    @Option(help: "--broker ibkr: 7497 paper TWS, 7496 live TWS, 4002 paper IB Gateway, 4001 live IB Gateway.")
    var port = 7497

    @Option(help: "--broker ibkr: the API client id (unique per connection).")
    var clientID = 1

    @Option(help: "Stop cleanly at this session time (HH:MM or HH:MM:SS).")
    var until: String?

    @Flag(help: "Print plain log lines instead of the one-screen view (the default when stdout is not a terminal).")
    var plain = false

    func validate() throws {
        guard speed >= 0, speed <= 1_000_000 else { Console.fail("error: --speed must be between 0 and 1000000 (0 = as fast as possible)", status: 1) }
        if let until, SessionTime.parse(until) == nil { Console.fail("error: --until must be HH:MM or HH:MM:SS, e.g. 11:30", status: 1) }
        if !(1...65_535).contains(port) { Console.fail("error: --port must be 1...65535, got \(port)", status: 1) }
        if broker == "ibkr" {
            guard let symbol = options.symbol, !symbol.isEmpty, symbol.allSatisfy({ $0.isLetter || $0 == "." }) else {
                Console.fail("error: --broker ibkr needs --symbol, a US stock such as TSLA", status: 1)
            }
        }
        try options.check()
    }

    func run() async throws {
        guard broker == "sim" else {
            guard broker == "ibkr" else { Console.fail("error: --broker must be sim or ibkr, not '\(broker)'", status: 1) }
            await runIBKR()
            return
        }
        let prepared = await options.prepare()
        let symbol: String
        let date: SessionDate
        do {
            let source = try ReplaySource.open(path: options.data, prefetch: false)
            (symbol, date) = (source.symbol, source.sessionDate)
        } catch {
            Console.fail("\(error)", status: 2)
        }
        if let wanted = options.symbol, wanted != symbol {
            Console.fail("error: --symbol \(wanted) does not match the data file, which holds \(symbol)", status: 1)
        }
        let journalPath = options.journal ?? "data/logs/\(date)-\(symbol).jsonl"
        let terminal = !plain && isTerminal(1)
        let stop = StopRequest()
        let signals = SignalHandlers(stop: stop)
        defer { signals.cancel() }
        let configuration = LiveRunner.Configuration(
            dataPath: options.data, strategyPath: options.strategy, speed: speed, journalPath: journalPath, account: account ?? "sim",
            averageDailyVolume: options.adv, exchange: options.exchangeConfiguration, view: terminal ? .terminal : .plain,
            until: until.flatMap(SessionTime.parse))
        Console.announce("fsd run: \(symbol) \(date) via the simulated exchange, speed \(speed == 0 ? "max" : "×\(speed)"), model \(prepared.decider.description)")
        Console.announce("journal: \(journalPath)")
        if terminal { Console.write("\u{1B}[2J\u{1B}[?25l") }
        let runner = LiveRunner(
            configuration: configuration, strategy: prepared.strategy, strategyText: prepared.text, decider: prepared.decider,
            stopRequest: stop, output: { line in Console.write(line + (line.hasSuffix("\u{1B}[J") ? "" : "\n")) })
        do {
            let summary = try await runner.run()
            if terminal { Console.write("\u{1B}[?25h\n") }
            Console.write(summary.text + "\n")
        } catch {
            if terminal { Console.write("\u{1B}[?25h\n") }
            Console.fail("\(error)", status: 2)
        }
    }

    private func runIBKR() async {
        let session = IBKRRunSession(host: host, port: port, clientID: clientID, symbol: (options.symbol ?? "").uppercased())
        let prepared = await options.prepare(replay: false)
        let (connection, contract, adv) = await session.connect(adv: options.adv)
        let terminal = !plain && isTerminal(1)
        let stop = StopRequest()
        let signals = SignalHandlers(stop: stop)
        defer { signals.cancel() }
        let configuration = LiveRunner.Configuration(
            dataPath: "", strategyPath: options.strategy, speed: 1, journalPath: "", averageDailyVolume: adv,
            view: terminal ? .terminal : .plain, until: until.flatMap(SessionTime.parse))
        await session.run(
            connection: connection, contract: contract, configuration: configuration, prepared: prepared, journalOverride: options.journal,
            accountOverride: account, stop: stop, terminal: terminal)
    }
}

/// Options `fsd run` and `fsd backtest` share.
struct AgentOptions: ParsableArguments {
    static let bundledData = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    @Option(help: "Strategy file (YAML), e.g. strategies/momentum.yaml.")
    var strategy: String

    @Option(help: "Replay file: a LOBSTER message file (its orderbook file beside it) or a .fsdr recording.")
    var data: String = bundledData

    @Option(help: "The symbol; must match the data file's.")
    var symbol: String?

    @Option(help: "ollama:NAME | ollama:URL#NAME | openai:URL#NAME | recorded:JOURNAL.jsonl | rules.")
    var model: String = ModelSpec.default.description

    @Option(help: "Prompt template (default: prompts/system.md beside the strategies folder, else built in).")
    var template: String?

    @Option(help: "Journal file (default: data/logs/<date>-<symbol>.jsonl for run, data/logs/backtests/… for backtest).")
    var journal: String?

    @Option(help: "Average daily volume in shares, for RVOL_DAY (without it RVOL_DAY is null).")
    var adv: Int64?

    @Option(help: "Simulated order latency in milliseconds.")
    var orderLatency: Int64 = 50

    func check() throws {
        guard (0...60_000).contains(orderLatency) else { Console.fail("error: --order-latency must be 0...60000 ms", status: 1) }
        if let adv, adv <= 0 { Console.fail("error: --adv must be a positive number of shares", status: 1) }
    }

    var exchangeConfiguration: SimulatedExchange.Configuration {
        SimulatedExchange.Configuration(latency: .milliseconds(orderLatency))
    }

    struct Prepared {
        var strategy: CompiledStrategy
        var text: String
        var decider: Decider
    }

    /// Loads the strategy and the model; on a problem prints it and exits (1 input, 2 no server).
    /// - Parameter replay: false for a live broker, which gives the average daily volume itself.
    func prepare(replay: Bool = true) async -> Prepared {
        let compiled: CompiledStrategy
        do {
            compiled = try StrategyLoader.load(contentsOf: strategy)
        } catch let error as StrategyError {
            Console.fail(error.description, status: error.isUnreadable ? 2 : 1)
        } catch {
            Console.fail("\(strategy): error: \(error)", status: 2)
        }
        let text = FileManager.default.contents(atPath: strategy).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if adv == nil && replay {
            Console.announce(
                "note: RVOL_DAY is null: a replay file carries no average daily volume; pass --adv SHARES "
                    + "(e.g. --adv 2100000 for the bundled GOOG session), or every rule reading RVOL_DAY is false")
        }
        let spec: ModelSpec
        do {
            spec = try ModelSpec.parse(model)
        } catch {
            Console.fail("error: --model: \(error)", status: 1)
        }
        switch spec {
        case .rules:
            return Prepared(strategy: compiled, text: text, decider: .rules())
        case .ollama(let url, let name), .openAI(let url, let name):
            guard ServerProbe.isListening(url: url) else {
                let how =
                    if case .ollama = spec {
                        "start ollama (`ollama serve`, then once `ollama pull \(name)`)"
                    } else {
                        "start the OpenAI-compatible server (for a small local one: `scripts/local-model start`)"
                    }
                Console.fail(
                    "error: no model server answers at \(url) for \(spec). To use it, \(how); "
                        + "or pass --model rules to let the compiled checklist decide alone.", status: 2)
            }
        case .recorded:
            break
        }
        do {
            let template = try PromptTemplate.locate(
                explicit: template, strategyPath: strategy, strategyName: compiled.definition.name,
                strategyPrompt: compiled.definition.prompt)
            guard let languageModel = try spec.makeModel() else { return Prepared(strategy: compiled, text: text, decider: .rules()) }
            return Prepared(strategy: compiled, text: text, decider: .model(languageModel, template: template))
        } catch {
            Console.fail("error: \(error)", status: 1)
        }
    }
}

/// Session times on the command line.
enum SessionTime {
    /// `HH:MM` or `HH:MM:SS[.fff]`.
    static func parse(_ text: String) -> Timestamp? {
        Timestamp(clock: text.count == 5 ? text + ":00" : text)
    }
}

/// Turns SIGINT and SIGTERM into a clean stop request; a second signal exits at once.
final class SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopRequest) {
        let queue = DispatchQueue(label: "fsd.signals")
        sources = [(SIGINT, "interrupted (SIGINT)"), (SIGTERM, "terminated (SIGTERM)")].map { signalNumber, reason in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if stop.reason != nil { exit(130) }
                stop.request(reason)
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// Where `fsd run` and `fsd backtest` print.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A line on stderr, apart from the view and the results.
    static func announce(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints the message on stderr and exits with `status` (1 invalid input, 2 runtime failure).
    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
