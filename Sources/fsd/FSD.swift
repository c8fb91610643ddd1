import ArgumentParser

@main
struct FSD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsd",
        abstract: "FSDTrader: an L2 order-flow momentum agent checked by a compiled YAML strategy.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, ExplainCommand.self, DecideCommand.self]
    )
}
