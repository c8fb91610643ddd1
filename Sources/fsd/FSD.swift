import ArgumentParser

@main
struct FSD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsd",
        abstract: "FSDTrader: an L2 order-flow momentum agent checked by a compiled YAML strategy.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            ExplainCommand.self,
            StateCommand.self,
            DecideCommand.self,
            RunCommand.self,
            BacktestCommand.self,
            BenchCommand.self,
            ConvertCommand.self,
            GatewayCommand.self,
            RecordCommand.self,
        ]
    )
}
