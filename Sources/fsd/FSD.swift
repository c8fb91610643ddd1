import ArgumentParser

@main
struct FSD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsd",
        abstract: "FSDTrader: an L2 order-flow momentum agent checked by a compiled YAML strategy.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, ConvertCommand.self, DecideCommand.self, RunCommand.self, BacktestCommand.self, ExplainCommand.self, StateCommand.self, BenchCommand.self, GatewayCommand.self, RecordCommand.self]
    )
}
