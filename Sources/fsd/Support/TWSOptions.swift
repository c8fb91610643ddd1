import ArgumentParser

/// `--host`, `--port` and `--client-id`: where TWS or IB Gateway listens, for `fsd run --broker
/// ibkr` and `fsd record`.
struct TWSOptions: ParsableArguments {
    @Option(help: "TWS / IB Gateway host.")
    var host = "127.0.0.1"

    @Option(help: "7497 paper TWS, 7496 live TWS, 4002 paper IB Gateway, 4001 live IB Gateway.")
    var port = 7497

    @Option(help: "The API client id, unique per connection (default: 1 for fsd run, 9 for fsd record).")
    var clientID: Int?

    func validate() throws {
        if !(1...65_535).contains(port) { throw ValidationError("--port must be 1...65535, got \(port)") }
    }
}
