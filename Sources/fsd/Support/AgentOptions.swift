import Agent
import ArgumentParser
import Brain
import Execution
import Foundation
import MarketData
import Strategy

/// Options `fsd run` and `fsd backtest` share: the strategy, the session, the model, the journal
/// and the simulated exchange.
struct AgentOptions: ParsableArguments {
    @Option(help: "Strategy file (YAML), e.g. strategies/momentum.yaml.")
    var strategy: String

    @OptionGroup var replay: ReplayOptions

    @Option(help: "The symbol; must match the data file's.")
    var symbol: String?

    @OptionGroup var decision: ModelOptions

    @OptionGroup var overrideOptions: OverrideOptions

    /// The `--set` overrides.
    var overrides: [StrategyOverride] { overrideOptions.overrides }

    @Option(help: "Journal file (default: data/logs/<date>-<symbol>.jsonl for run, data/logs/backtests/… for backtest).")
    var journal: String?

    @Option(help: "Simulated order latency in milliseconds.")
    var orderLatency: Int64 = 50

    /// `--adv` as given; a replay resolves it with the data's sidecar (`replay.volume(for:)`).
    var adv: Int64? { replay.adv }

    func validate() throws {
        guard (0...60_000).contains(orderLatency) else { throw ValidationError("--order-latency must be 0...60000 ms") }
    }

    var exchangeConfiguration: SimulatedExchange.Configuration {
        SimulatedExchange.Configuration(latency: .milliseconds(orderLatency))
    }

    /// The compiled strategy, its text (for hot reload) and the decider.
    struct Prepared {
        var strategy: CompiledStrategy
        var text: String
        var decider: Decider
    }

    /// Loads the strategy and the model, and checks that a model server answers.
    /// - Throws: invalid input for the strategy or `--model`; a runtime failure when no server answers.
    func prepare() async throws(CLIError) -> Prepared {
        try Self.prepare(strategy: strategy, decision: decision, overrides: overrides)
    }

    /// The strategy at `strategy` and the decider `decision` names, its server checked.
    static func prepare(strategy: String, decision: ModelOptions, overrides: [StrategyOverride] = []) throws(CLIError) -> Prepared {
        let compiled = try StrategyFile.load(strategy, overrides: overrides)
        let text = FileManager.default.contents(atPath: strategy).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let spec = try decision.spec()
        let settings = decision.resolved(compiled.definition.model, defaultTimeout: .seconds(30))
        try ModelOptions.checkGrammar(settings, for: spec)
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
                throw .runtimeFailure(
                    "no model server answers at \(url) for \(spec). To use it, \(how); "
                        + "or pass --model rules to let the compiled checklist decide alone.")
            }
        case .recorded:
            break
        }
        do {
            let template = try PromptTemplate.locate(
                explicit: decision.template, strategyPath: strategy, strategyName: compiled.definition.name,
                strategyPrompt: compiled.definition.prompt)
            guard let languageModel = try spec.makeModel() else { return Prepared(strategy: compiled, text: text, decider: .rules()) }
            let decider = Decider.model(
                languageModel, template: template, timeout: settings.timeout, grammar: settings.grammarText,
                limits: settings.limits, sampling: settings.sampling)
            return Prepared(strategy: compiled, text: text, decider: decider)
        } catch {
            throw .invalidInput("\(error)")
        }
    }

    /// The symbol and session of the data file, checked against `--symbol`.
    func session(of data: String) throws(CLIError) -> (symbol: String, date: SessionDate) {
        let header: (symbol: String, date: SessionDate)
        do {
            let source = try ReplaySource.open(path: data, prefetch: false)
            header = (source.symbol, source.sessionDate)
        } catch {
            throw CLIError(error)
        }
        if let wanted = symbol, wanted != header.symbol {
            throw .invalidInput("--symbol \(wanted) does not match the data file, which holds \(header.symbol)")
        }
        return header
    }
}
