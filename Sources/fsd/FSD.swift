import ArgumentParser

@main
struct FSD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsd",
        abstract: "FSDTrader: an L2 order-flow momentum agent checked by a compiled YAML strategy.",
        discussion: """
            Every command works on a fresh clone: without --data the bundled GOOG 2012-06-21 \
            level-10 session is replayed, and --model rules lets the compiled checklist decide \
            without a model server. `fsd help COMMAND` explains a command with examples.

            Exit status, the same for every command: 0 ok; 1 invalid input (an option, including \
            an unknown one or a missing value, a strategy, a state or a data file with bad content); \
            2 runtime failure (a file that cannot be read or written, a model server, TWS or a \
            journal that fails). Errors go to standard error as `error: message`, or \
            `file:line:column: error: message` when they have a place.

            Examples:
              fsd validate strategies/momentum.yaml
              fsd backtest --strategy strategies/momentum.yaml --model rules --adv 2100000
              fsd state --at 10:30:00 > state.json
              fsd explain --strategy strategies/momentum.yaml --state state.json
              fsd bench --json
              fsd verify day.fsdr
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            ExplainCommand.self,
            StateCommand.self,
            DecideCommand.self,
            RunCommand.self,
            BacktestCommand.self,
            SweepCommand.self,
            ModelCommand.self,
            BenchCommand.self,
            ConvertCommand.self,
            VerifyCommand.self,
            GatewayCommand.self,
            RecordCommand.self,
        ]
    )

    /// Parses, runs the command, and ends every failure the same way (`Termination`).
    static func main() async {
        Console.reportBrokenPipes()
        let status: Int32
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = 0
        } catch {
            // Even after the reader went away: a failure of its own (a flatten that did not fill,
            // a journal that failed) is told on stderr and keeps its status.
            status = Termination.report(error)
        }
        Termination.end(Console.finalStatus(status))
    }
}
