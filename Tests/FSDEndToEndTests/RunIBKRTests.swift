import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fsd run --broker ibkr` as a user runs it against TWS: here `fsd gateway` (the simulated TWS,
/// real protocol on a real socket) replaying the bundled GOOG session, then Ctrl-C.
@Suite(.serialized) struct RunIBKRTests {
    static let data = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    /// The eager test strategy, its session opening at midnight so ticks run whatever the hour
    /// on the wall clock (the live feed stamps events on arrival).
    static func strategy(in folder: URL, symbol: String? = nil) throws -> String {
        let eager = try String(contentsOf: RunProcess.fixtures.appendingPathComponent("eager.yaml"), encoding: .utf8)
        let path = folder.appendingPathComponent("eager-any-hour\(symbol.map { "-" + $0 } ?? "").yaml").path
        let named = symbol.map { "symbol: \($0)\n" } ?? ""
        try (named + eager + "\nfeatures:\n  session_open: \"00:00:01\"\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `fsd gateway` on a free port: tries random ones until one keeps listening.
    static func startGateway() throws -> (RunProcess.Running, Int) {
        for _ in 0..<8 {
            let port = Int.random(in: 20_000...60_000)
            let gateway = try RunProcess.start(["gateway", "--data", data, "--port", "\(port)", "--speed", "50", "--stay"])
            usleep(1_500_000)
            if gateway.process.isRunning { return (gateway, port) }
        }
        throw GatewayDidNotStart()
    }

    struct GatewayDidNotStart: Error {}

    @Test func tradesThroughTheGatewayAndStopsFlatOnCtrlC() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let (gateway, port) = try Self.startGateway()
        defer { RunProcess.kill9(gateway) }
        let unknown = try RunProcess.run([
            // No --symbol: the strategy's own `symbol:` is the one asked for.
            "run", "--broker", "ibkr", "--port", "\(port)", "--client-id", "8", "--model", "rules",
            "--strategy", try Self.strategy(in: folder, symbol: "ZZZZ"), "--journal", folder.appendingPathComponent("zzzz.jsonl").path,
            "--plain",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("symbol ZZZZ: TWS does not know it"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("No security definition"), "\(unknown.stderr)")
        let run = try RunProcess.start([
            "run", "--broker", "ibkr", "--port", "\(port)", "--client-id", "7", "--symbol", "GOOG", "--model", "rules",
            "--strategy", try Self.strategy(in: folder), "--adv", "2100000", "--journal", journal, "--plain",
        ])
        let ticked = RunProcess.waitForJournal(journal, seconds: 120) { Self.ticksWithQuotes($0) >= 10 }
        kill(run.process.processIdentifier, SIGINT)
        let out = String(decoding: run.stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: run.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.process.waitUntilExit()
        #expect(ticked, "no ticks with a quote within 120 s\n\(err)")
        #expect(run.process.terminationStatus == 0, "\(err)")
        #expect(err.contains("live via IBKR 127.0.0.1:\(port) (client id 7"), "\(err)")
        #expect(out.contains("stopped: interrupted (SIGINT); flat"), "\(out)")

        let records = try RunProcess.records(journal)
        let session = try #require(records.first { $0["type"] as? String == "session" })
        #expect(session["broker"] as? String == "ibkr")
        #expect(session["symbol"] as? String == "GOOG")
        #expect(session["mode"] as? String == "live")
        // GOOG traded between $560 and $580 that day: the ticks carry the gateway's quotes.
        let bids = records.filter { $0["type"] as? String == "tick" }.compactMap { $0["bid"] as? Double }
        #expect(!bids.isEmpty)
        #expect(bids.allSatisfy { (500...650).contains($0) }, "\(bids.prefix(5))")
        let stop = try #require(records.last { $0["type"] as? String == "stop" })
        #expect(stop["reason"] as? String == "interrupted (SIGINT)")
        #expect(stop["flat"] as? Bool == true)
        #expect(stop["position"] as? Int == 0)
    }

    /// The reasons in the journal's `entry_block` records, in order (nil: entries allowed again).
    static func entryBlocks(_ text: String) -> [String?] {
        text.split(separator: "\n").compactMap { line -> String?? in
            guard line.contains("\"type\":\"entry_block\""),
                let record = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            else { return nil }
            return .some(record["reason"] as? String)
        }
    }

    static func ticksWithQuotes(_ text: String) -> Int {
        text.split(separator: "\n").filter { $0.contains("\"type\":\"tick\"") && $0.contains("\"bid\":") && !$0.contains("\"bid\":null") }
            .count
    }

    static let lostReason = "TWS lost its link to IB (1100); waiting for it to come back (1101/1102)"
    static let downReason = "the connection to TWS is down; reconnecting"
    static let reconcilingReason = "reading back positions, open orders and executions from TWS before acting"

    /// Whether `steps` occur in `blocks` in this order (other records may come between them).
    static func inOrder(_ blocks: [String?], _ steps: [String?]) -> Bool {
        var index = blocks.startIndex
        for step in steps {
            guard let found = blocks[index...].firstIndex(where: { $0 == step }) else { return false }
            index = found + 1
        }
        return true
    }

    /// TWS losing IB (1100, then 1102) and a TWS restart, as the gateway's fire drills stage them:
    /// entries are blocked and allowed again, each change journaled with its reason, and the run
    /// reconnects to the new TWS by itself, ticks on and stops flat.
    @Test func blocksEntriesThroughAnOutageAndReconnectsAfterATWSRestart() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let (gateway, port) = try Self.startGateway()
        var current = gateway
        defer { RunProcess.kill9(current) }
        let run = try RunProcess.start([
            "run", "--broker", "ibkr", "--port", "\(port)", "--client-id", "9", "--symbol", "GOOG", "--model", "rules",
            "--strategy", try Self.strategy(in: folder), "--adv", "2100000", "--journal", journal, "--plain",
        ])
        defer { if run.process.isRunning { RunProcess.kill9(run) } }
        #expect(RunProcess.waitForJournal(journal, seconds: 120) { Self.ticksWithQuotes($0) >= 5 }, "no ticks")

        kill(gateway.process.processIdentifier, SIGUSR1)
        let lost = RunProcess.waitForJournal(journal, seconds: 30) { Self.inOrder(Self.entryBlocks($0), [Self.lostReason]) }
        #expect(lost, "no entry_block record after 1100")
        kill(gateway.process.processIdentifier, SIGUSR2)
        let restored = RunProcess.waitForJournal(journal, seconds: 30) {
            Self.inOrder(Self.entryBlocks($0), [Self.lostReason, nil])
        }
        #expect(restored, "entries not allowed again after 1102")

        RunProcess.kill9(gateway)
        let down = RunProcess.waitForJournal(journal, seconds: 30) {
            Self.inOrder(Self.entryBlocks($0), [Self.lostReason, nil, Self.downReason])
        }
        #expect(down, "no block when the socket dropped")
        current = try RunProcess.start(["gateway", "--data", Self.data, "--port", "\(port)", "--speed", "50", "--stay"])
        let back = RunProcess.waitForJournal(journal, seconds: 90) {
            Self.inOrder(Self.entryBlocks($0), [Self.lostReason, nil, Self.downReason, nil])
        }
        #expect(back, "no reconnection to the restarted gateway")
        let ticksBack = (try? String(contentsOfFile: journal, encoding: .utf8)).map(Self.ticksWithQuotes) ?? 0
        #expect(RunProcess.waitForJournal(journal, seconds: 60) { Self.ticksWithQuotes($0) >= ticksBack + 5 }, "no ticks after")

        kill(run.process.processIdentifier, SIGINT)
        let out = String(decoding: run.stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: run.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.process.waitUntilExit()
        #expect(run.process.terminationStatus == 0, "\(err)")
        #expect(out.contains("stopped: interrupted (SIGINT); flat"), "\(out)")
        #expect(err.contains("TWS lost its connection to IB"), "\(err)")
        #expect(err.contains("IBKR: connection lost"), "\(err)")
        #expect(err.contains("IBKR: reconnected after"), "\(err)")

        // Every change has one of the connection's reasons; the client also reads the account
        // back (reconciling) after 1102 and after reconnecting, which a poll may catch.
        let blocks = Self.entryBlocks(try String(contentsOfFile: journal, encoding: .utf8))
        let known: Set<String?> = [Self.lostReason, Self.downReason, Self.reconcilingReason, nil]
        #expect(blocks.allSatisfy { known.contains($0) }, "\(blocks)")
        #expect(blocks.last == .some(nil), "\(blocks)")
        let stop = try #require(try RunProcess.records(journal).last { $0["type"] as? String == "stop" })
        #expect(stop["flat"] as? Bool == true)
    }

    @Test func noTWSListeningSaysWhatToStart() throws {
        let folder = try RunProcess.temporaryFolder()
        // A port nothing listens on: bound by nobody in the 1024 range is not guaranteed, so use a
        // random high one and accept only the refusal message.
        let port = Int.random(in: 20_000...60_000)
        let outcome = try RunProcess.run([
            "run", "--broker", "ibkr", "--port", "\(port)", "--symbol", "GOOG", "--model", "rules",
            "--strategy", try Self.strategy(in: folder), "--journal", folder.appendingPathComponent("j.jsonl").path, "--plain",
        ])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot connect to TWS / IB Gateway at 127.0.0.1:\(port)"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Start TWS or IB Gateway"))
    }

    @Test func ibkrNeedsASymbol() throws {
        let folder = try RunProcess.temporaryFolder()
        let outcome = try RunProcess.run(["run", "--broker", "ibkr", "--model", "rules", "--strategy", try Self.strategy(in: folder)])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--broker ibkr needs a symbol: pass --symbol"), "\(outcome.stderr)")
    }
}
