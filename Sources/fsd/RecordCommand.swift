import ArgumentParser
import Dispatch
import Foundation
import IBKR
import Logging
import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fsd record`: live IBKR depth and trades to a replay file.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record live IBKR market depth and trades to a replay file for backtests.",
        discussion: """
            Connects to TWS or IB Gateway, subscribes to SMART depth and tick-by-tick trades and quotes
            for the symbol, and writes every event to OUT in the binary replay format until Ctrl-C.
            The account needs the depth subscriptions docs/IBKR.md lists.

            Examples:
              fsd record --symbol TSLA --out data/TSLA-today.fsdr
              fsd record --symbol TSLA --out tsla.fsdr --port 4002 --client-id 9
              fsd backtest --data data/TSLA-today.fsdr --strategy strategies/momentum.yaml
            """)

    @Option(help: "The US stock to record, e.g. TSLA.")
    var symbol: String

    @Option(help: "The file to write.")
    var out: String

    @Option(help: "TWS / IB Gateway host.")
    var host: String = "127.0.0.1"

    @Option(help: "7497 paper TWS, 7496 live TWS, 4002 paper IB Gateway, 4001 live IB Gateway.")
    var port: Int = 7497

    @Option(help: "The API client id (unique per connection).")
    var clientID: Int = 9

    mutating func run() async throws {
        let symbol = symbol.uppercased()
        guard !symbol.isEmpty, symbol.allSatisfy({ $0.isLetter || $0 == "." }) else {
            throw GatewayCommand.fail("--symbol must be a stock symbol such as TSLA, got '\(self.symbol)'", code: 1)
        }
        guard (1...65_535).contains(port) else { throw GatewayCommand.fail("--port must be 1...65535, got \(port)", code: 1) }
        var logger = Logger(label: "fsd.record")
        logger.logLevel = .warning
        let connection = IBKRConnection(
            configuration: IBKRConfiguration(host: host, port: port, clientID: clientID), logger: logger)
        let contract: TWSContract
        do {
            try await connection.start()
            contract = try await connection.contractDetails(for: .stock(symbol))
        } catch {
            await connection.stop()
            throw GatewayCommand.fail("\(error)", code: 2)
        }
        let feed = IBKRFeed(connection: connection, contract: contract, logger: logger)
        let writer: RecordingWriter
        do {
            writer = try RecordingWriter(path: out, symbol: symbol, sessionDate: feed.sessionDate)
        } catch {
            await connection.stop()
            throw GatewayCommand.fail("\(error)", code: 2, prefix: false)
        }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { Task { await connection.stop() } }
        interrupt.resume()
        print("fsd record: recording \(symbol) to \(out); Ctrl-C to stop")
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
            interrupt.cancel()
            await connection.stop()
            throw GatewayCommand.fail("\(error)", code: 2, prefix: false)
        }
        interrupt.cancel()
        print("fsd record: \(writer.eventCount) events written to \(out)")
    }
}
