import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #16: a crash between a fill's record and the snapshot written after it. Recovery used the last
/// snapshot alone: it restored "position 0, 3 working", sent the filled entry again, and the
/// journal then held two fills for one client id.
@Suite struct RecoveryAfterSnapshotTests {
    private static let until = Timestamp(hours: 9, minutes: 33, seconds: 0)

    private func run(journal: JournalPolicy) async throws -> RunResult {
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let configuration = TradingLoop.Configuration(
            mode: .backtest, timing: .simulated, latency: .fixed(.zero), journal: journal, account: "test",
            averageDailyVolume: 2_100_000, until: Self.until, untilReason: "until")
        return try await TradingLoop(configuration: configuration, venue: venue, strategy: strategy, decider: .rules()).run()
    }

    typealias JournalPolicy = TradingLoop.JournalPolicy

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aFillAfterTheLastSnapshotIsBookedAndTheEntryIsNotSentAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-after-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        _ = try await run(journal: .fresh(path: path))

        // Cut the journal just after the first entry fill: the snapshot that followed it is lost.
        let all = try lines(path)
        let cut = try #require(
            try all.firstIndex { line in
                let record = try object(line)
                return record["type"] as? String == "fill" && record["role"] as? String == "ENTRY"
            })
        let fill = try object(all[cut])
        let entryID = try #require(fill["id"] as? String)
        let quantity = try #require(fill["qty"] as? Int)
        let side = try #require(fill["side"] as? String)
        try (all[...cut].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let day = try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: false)
        #expect(day.reportsAfterSnapshot >= 1)
        #expect(day.position == Int64(side == "BUY" ? quantity : -quantity), "the fill after the snapshot is booked")
        #expect(day.dailyTrades == 1)
        let entry = try #require(day.execution?.orders.orders.first { $0.request.id.rawValue == entryID })
        #expect(entry.filledQuantity == Int64(quantity))

        // The restart resumes the same day: the entry must not be sent (nor fill) a second time.
        _ = try await run(journal: .resume(path: path))
        let records = try lines(path).map(object)
        let submits = records.filter { $0["action"] as? String == "submit" && $0["id"] as? String == entryID }
        #expect(submits.count == 1, "sent once, before the crash")
        let filled = records.filter { $0["type"] as? String == "fill" && $0["id"] as? String == entryID }
            .compactMap { $0["qty"] as? Int }.reduce(0, +)
        #expect(filled == quantity, "one entry's shares, filled once")
    }
}
