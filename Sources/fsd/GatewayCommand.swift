import ArgumentParser
import Execution
import IBKR
import Logging
import MarketData

/// `fsd gateway`: a TWS-protocol server that replays a recorded session.
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Serve a recorded session over the TWS API protocol, filling orders with the simulated exchange.",
        discussion: """
            Any TWS API client (fsd run --broker ibkr, ib_async, ib_insync, the official ibapi) can connect to \
            127.0.0.1:PORT as if it were TWS: it gets the connect sequence, SMART market depth (reqMktDepth), \
            tick-by-tick AllLast and BidAsk, 30 daily bars, and orders (LMT, STP, MKT, brackets, OCA groups) \
            filled by the simulated exchange backtests use: latency, queue position, stops triggered by prints, \
            IBKR fixed commissions. No IBKR account needed.

            Fire drills for a client's outage handling: kill -USR1 PID sends every client what TWS sends \
            when its link to IB drops (1100: fsd run then refuses new entries), kill -USR2 PID what it sends \
            when the link is back with the data kept (1102); stopping the gateway and starting it again on \
            the same port is a TWS restart (fsd run reconnects and reconciles by itself).

            Exit status: 0 when the replay finished, 1 invalid options or data, 2 an unreadable file \
            or a port it cannot listen on.

            Examples:
              fsd gateway --data data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz
              fsd gateway --data session.fsdr --port 7497 --speed 10
              fsd gateway --data session.fsdr --latency 0 --no-daily-bars
              fsd run --broker ibkr --port 7497 --symbol GOOG --strategy strategies/momentum.yaml
            """)

    @Option(help: "The session to replay: a LOBSTER message file (.csv or .csv.gz) or an fsd recording.")
    var data: String

    @Option(help: "The port to listen on, on 127.0.0.1 only (7497 is paper TWS's).")
    var port: Int = 7497

    @Option(help: "Replay speed: 1 real time, 10 ten times faster, 0 as fast as possible.")
    var speed: Double = 1

    // --adv, as `fsd run` and `fsd backtest` name the same figure; --average-volume is its old name.
    @Option(
        name: [.customLong("adv"), .customLong("average-volume")],
        help: "The 30-day average daily volume to report (generic tick 165 and daily bars); GOOG's in June 2012 was about 2.1 M.")
    var averageVolume: Int64 = 2_100_000

    @Option(help: "Milliseconds, in session time, before an order, a change or a cancel reaches the simulated exchange.")
    var latency: Int = 50

    @Flag(help: "Refuse historical data (error 162), as TWS does for an account without the permission.")
    var noDailyBars = false

    @Flag(help: "Keep serving the final book after the replay ends instead of exiting.")
    var stay = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1...65535, got \(port)") }
        guard speed >= 0, speed.isFinite else { throw ValidationError("--speed must be 0 or more, got \(speed)") }
        guard (0...60_000).contains(latency) else { throw ValidationError("--latency must be 0...60000 ms, got \(latency)") }
        guard averageVolume > 0 else { throw ValidationError("--adv must be positive, got \(averageVolume)") }
    }

    func run() async throws {
        let source = try ReplaySource.open(path: data)
        var logger = Logger(label: "fsd.gateway")
        logger.logLevel = .warning
        let gateway = TWSGateway(
            configuration: GatewayConfiguration(
                symbol: source.symbol, sessionDate: source.sessionDate, speed: speed,
                averageDailyVolume: averageVolume, servesDailyBars: !noDailyBars,
                exchange: SimulatedExchange.Configuration(latency: .milliseconds(latency))),
            logger: logger)
        let bound: Int
        do {
            bound = try await gateway.start(port: port)
        } catch {
            throw CLIError.runtimeFailure(
                "cannot listen on 127.0.0.1:\(port): \(error). Is TWS or another gateway using it? Try another --port.")
        }
        Console.line("fsd gateway: \(source.symbol) \(source.sessionDate) on 127.0.0.1:\(bound) at speed \(speed)")
        let notices = GatewayNotices(gateway: gateway)
        defer { notices.cancel() }
        do {
            try await gateway.replay { try source.next() }
        } catch {
            await gateway.stop()
            throw error
        }
        Console.line("fsd gateway: replay finished")
        if stay {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        }
        await gateway.stop()
    }
}
