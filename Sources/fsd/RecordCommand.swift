import ArgumentParser
import IBKR
import Logging
import MarketData

/// `fsd record`: live IBKR depth and trades to a replay file.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record live IBKR market depth and trades to a replay file for backtests.",
        discussion: """
            Connects to TWS or IB Gateway, subscribes to SMART depth and tick-by-tick trades and quotes \
            for the symbol, and writes every event to OUT in the binary replay format until Ctrl-C.
            The account needs the depth subscriptions docs/IBKR.md lists. Ctrl-C (or SIGTERM) closes \
            the file with its trailer; a second one exits at once.

            Exit status: 0 recorded and closed, 1 invalid options, 2 TWS unreachable, an unknown \
            symbol or a failed write.

            Examples:
              fsd record --symbol TSLA --out data/TSLA-today.fsdr
              fsd record --symbol TSLA --out tsla.fsdr --port 4002 --client-id 9
              fsd backtest --data data/TSLA-today.fsdr --strategy strategies/momentum.yaml
            """)

    @Option(help: "The US stock to record, e.g. TSLA.")
    var symbol: String

    @Option(help: "The file to write.")
    var out: String

    @OptionGroup var tws: TWSOptions

    func validate() throws {
        guard !symbol.isEmpty, symbol.allSatisfy({ $0.isLetter || $0 == "." }) else {
            throw ValidationError("--symbol must be a stock symbol such as TSLA, got '\(symbol)'")
        }
    }

    func run() async throws {
        let symbol = symbol.uppercased()
        var logger = Logger(label: "fsd.record")
        logger.logLevel = .warning
        let connection = IBKRConnection(
            configuration: IBKRConfiguration(host: tws.host, port: tws.port, clientID: tws.clientID ?? 9), logger: logger)
        let contract: TWSContract
        do {
            try await connection.start()
            contract = try await connection.contractDetails(for: .stock(symbol))
        } catch {
            await connection.stop()
            throw CLIError.runtimeFailure("\(error)")
        }
        let feed = IBKRFeed(connection: connection, contract: contract, logger: logger)
        let writer: RecordingWriter
        do {
            writer = try RecordingWriter(path: out, symbol: symbol, sessionDate: feed.sessionDate)
        } catch {
            await connection.stop()
            throw CLIError.runtimeFailure(error)
        }
        // Ctrl-C ends the feed, and with it the loop below, which closes the file.
        let signals = SignalHandlers(onStop: { _ in Task { await connection.stop() } })
        defer { signals.cancel() }
        Console.line("fsd record: recording \(symbol) to \(out); Ctrl-C to stop")
        var lastFlush = ContinuousClock.now
        do {
            for await event in feed {
                try writer.append(event)
                // Flush every second: a crash loses at most the last second.
                if ContinuousClock.now - lastFlush > .seconds(1) {
                    try writer.flush()
                    lastFlush = ContinuousClock.now
                }
            }
            try writer.close()
        } catch {
            await connection.stop()
            throw CLIError.runtimeFailure(error)
        }
        Console.line("fsd record: \(writer.eventCount) events written to \(out)")
    }
}
