import Agent
import ArgumentParser
import MarketData

/// `fsd model`: what a model means for a strategy, before it trades.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Measure a model on a strategy's real prompt before trading with it.",
        subcommands: [ModelCheckCommand.self])
}

/// `fsd model check`: the strategy's prompt on real states, measured, against the setups' life.
struct ModelCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Send the strategy's real prompt on a few real states and say what the model's latency means.",
        discussion: """
            Steps the data at the strategy's loop rate and measures how long its entry setups last (each \
            side's checklist passing on consecutive ticks). Then asks the model, exactly as the agent \
            would, about three states of that data: the first setup, a tick without one, and the setup \
            with a position held (the strategy's size at the touch, its stop and target). Per call: the \
            latency, time to first token, reasoning length, tokens, and whether the reply parsed to a \
            command. It checks that consecutive ticks' prompts share everything before the state, so a \
            warm server re-reads only the state, and says with numbers what the latency means, e.g. \
            "p50 11.8 s > setups' p90 life 4.0 s: with gate: arrival expect almost no entries; use \
            gate: hold, a faster model, or a think budget".

            Exit status: 0 ok (whatever the figures say), 1 invalid input, 2 runtime failure (data, \
            model server).

            Examples:
              fsd model check --model ollama:deepseek-r1:8b --strategy strategies/momentum.yaml --adv 2100000
              fsd model check --model openai:http://127.0.0.1:8765#gemma3-270m --grammar --strategy s.yaml --to 11:00 --json
            """
    )

    @Option(help: "Strategy file (YAML), e.g. strategies/momentum.yaml.")
    var strategy: String

    @OptionGroup var replay: ReplayOptions

    @OptionGroup var decision: ModelOptions

    @Option(help: "Measure setups from this session time (HH:MM).")
    var from: String?

    @Option(help: "Measure setups up to this session time (HH:MM); the whole day by default.")
    var to: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        _ = try SessionTime.validate(from, option: "--from", example: "10:00")
        _ = try SessionTime.validate(to, option: "--to", example: "15:30")
    }

    func run() async throws {
        let data = try replay.path()
        let prepared = try AgentOptions.prepare(strategy: strategy, decision: decision)
        if prepared.decider.isRules {
            throw CLIError.invalidInput("--model rules asks no model: name one, e.g. --model ollama:deepseek-r1:8b")
        }
        let volume = try replay.volume(for: data)
        let lives: SetupLives
        do {
            lives = try SetupLives.measure(
                prepared.strategy, path: data, averageDailyVolume: volume.averageDailyVolume, from: from.flatMap(SessionTime.parse),
                to: to.flatMap(SessionTime.parse))
        } catch {
            throw CLIError(error)
        }
        if !json { Console.note("fsd model check: \(lives.ticks) ticks measured; asking \(prepared.decider.description)") }
        let check = await ModelCheck.run(decider: prepared.decider, strategy: prepared.strategy, lives: lives)
        Console.write((json ? check.json : check.text) + "\n")
    }
}
