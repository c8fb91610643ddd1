import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #16: the simulator's reports were booked only when the next market message arrived, so a fill
/// followed by a quiet book reached the account seconds late. A LOBSTER pair written here: the
/// entry fills at 09:30:00.250 and the next message comes at 09:30:03.000.
@Suite struct FillBookingTests {
    private static let messages = """
        34200.000000000,1,1,1000,1000000,1
        34200.010000000,1,2,100,1000100,-1
        34200.100000000,4,2,10,1000100,-1
        34203.000000000,1,3,100,1000000,1
        34203.100000000,1,4,100,1000000,1

        """
    private static let orderbook = """
        9999999999,0,1000000,1000
        1000100,100,1000000,1000
        1000100,90,1000000,1000
        1000100,90,1000000,1100
        1000100,90,1000000,1200

        """

    @Test func aFillBetweenTwoMessagesReachesTheAccountAtTheNextTick() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-booking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("T_2012-06-21_34200000_57600000_message_1.csv")
        try Self.messages.write(to: data, atomically: true, encoding: .utf8)
        try Self.orderbook.write(
            to: directory.appendingPathComponent("T_2012-06-21_34200000_57600000_orderbook_1.csv"), atomically: true,
            encoding: .utf8)
        let journal = directory.appendingPathComponent("journal.jsonl").path
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let configuration = TradingLoop.Configuration(
            mode: .backtest, timing: .simulated, latency: .fixed(.zero), journal: .fresh(path: journal), account: "test")
        let venue = try SimulatedVenue(path: data.path)
        _ = try await TradingLoop(configuration: configuration, venue: venue, strategy: strategy, decider: .rules()).run()

        let records = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let fill = try #require(records.firstIndex { $0["type"] as? String == "fill" })
        #expect(records[fill]["time"] as? String == "09:30:00.250")
        #expect(records[fill]["qty"] as? Int == 90)
        let next = try #require(records.firstIndex { $0["type"] as? String == "verdict" && $0["time"] as? String == "09:30:00.400" })
        #expect(fill < next, "booked before the next tick's decision")
        let reason = try #require(records[next]["reason"] as? String)
        #expect(reason.contains("holding"), "the tick at 09:30:00.400 knows the position: \(reason)")
    }
}
