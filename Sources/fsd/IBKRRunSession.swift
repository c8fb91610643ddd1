import Agent
import Foundation
import IBKR
import Logging
import MarketData

/// `fsd run --broker ibkr`: connects to TWS / IB Gateway, waits until positions, orders and
/// executions are reconciled, resolves the symbol and the average daily volume, then runs the
/// live loop on the wall clock with `IBKRFeed` as the market data and `IBKRBroker` as the broker.
struct IBKRRunSession {
    var host: String
    var port: Int
    var clientID: Int
    var symbol: String

    /// Everything before the loop.
    /// - Throws: a runtime failure that says what to do when TWS cannot be reached or does not know the symbol.
    func connect(adv: Int64?) async throws(CLIError) -> (connection: IBKRConnection, contract: TWSContract, adv: Int64?) {
        var logger = Logger(label: "fsd.run.ibkr")
        logger.logLevel = .warning
        let connection = IBKRConnection(configuration: IBKRConfiguration(host: host, port: port, clientID: clientID), logger: logger)
        do {
            try await connection.start()
        } catch {
            await connection.stop()
            throw .runtimeFailure("\(error) See docs/IBKR.md, \"Running against a paper account\".")
        }
        guard await connection.waitUntilReady(timeout: .seconds(60)) else {
            await connection.stop()
            throw .runtimeFailure(
                "connected to \(host):\(port) but positions, open orders and executions were not read back within 60 s; "
                    + "check TWS / IB Gateway (logged in, API not read-only) and try again")
        }
        let contract: TWSContract
        do {
            contract = try await connection.contractDetails(for: .stock(symbol))
        } catch {
            await connection.stop()
            throw .runtimeFailure("symbol \(symbol): TWS does not know it as a US stock (\(error))")
        }
        if let adv { return (connection, contract, adv) }
        do {
            let volume = try await connection.averageDailyVolume(of: contract)
            Console.note("average daily volume of \(symbol): \(volume) shares (from TWS)")
            return (connection, contract, volume)
        } catch {
            Console.note("note: RVOL_DAY is null: \(error); pass --adv SHARES to set the average daily volume")
            return (connection, contract, nil)
        }
    }

    /// Why new entries must wait while the connection is in `state` (journaled on each change).
    static func entryBlock(_ state: IBKRConnectionState) -> String? {
        switch state {
        case .ready: nil
        case .dataLost: "TWS lost its link to IB (1100); waiting for it to come back (1101/1102)"
        case .reconciling: "reading back positions, open orders and executions from TWS before acting"
        case .connecting, .disconnected: "the connection to TWS is down; reconnecting"
        case .stopped: "the connection to TWS is stopped"
        }
    }

    /// Runs the loop until Ctrl-C (or `until`); cancels, flattens and journals on the way out.
    /// - Throws: a runtime failure when the loop fails.
    func run(
        connection: IBKRConnection, contract: TWSContract, configuration base: LiveRunner.Configuration, prepared: AgentOptions.Prepared,
        journalOverride: String?, accountOverride: String?, stop: StopRequest, terminal: Bool
    ) async throws(CLIError) {
        let feed = IBKRFeed(connection: connection, contract: contract, rows: 10)
        let broker = IBKRBroker(connection: connection, contract: contract, confirmationTimeout: .seconds(10))
        var configuration = base
        configuration.journalPath = journalOverride ?? "data/logs/\(feed.sessionDate)-\(feed.symbol).jsonl"
        let accounts = await connection.accounts
        configuration.account = accountOverride ?? accounts.first ?? "ibkr"
        configuration.dataPath = "ibkr \(host):\(port) client \(clientID)"
        Console.note(
            "fsd run: \(feed.symbol) \(feed.sessionDate) live via IBKR \(host):\(port) (client id \(clientID), account "
                + "\(configuration.account)), model \(prepared.decider.description)")
        Console.note("journal: \(configuration.journalPath)")
        if terminal { Console.write("\u{1B}[2J\u{1B}[?25l") }
        let runner = LiveRunner(
            configuration: configuration, strategy: prepared.strategy, strategyText: prepared.text, decider: prepared.decider,
            stopRequest: stop, output: { line in Console.view(line, stop: stop) })
        do {
            let summary = try await runner.run(
                feed: feed, broker: broker, brokerName: "ibkr", clock: MarketData.WallClock(),
                entryBlock: { Self.entryBlock(broker.connectionState) })
            await connection.stop()
            if terminal { Console.write("\u{1B}[?25h\n") }
            Console.write(summary.text + "\n")
        } catch {
            await connection.stop()
            if terminal { Console.write("\u{1B}[?25h\n") }
            throw .runtimeFailure(error)
        }
    }
}
