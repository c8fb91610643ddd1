import Execution
import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// #16: a journal cut at a line boundary parses cleanly and silently reset the day (half the file
/// lost: trades 5, P&L +183.22, the halt lost). Snapshots are numbered and the last one is kept,
/// fsynced, in a checkpoint beside the journal: a lost tail is detected and the day restored.
@Suite struct JournalCheckpointTests {
    private func run(_ fixture: String, journal: String, until: Timestamp) async throws -> RunResult {
        let strategy = try StrategyLoader.load(contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent(fixture).path)
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let configuration = TradingLoop.Configuration(
            mode: .live, timing: .simulated, latency: .fixed(.zero), journal: .resume(path: journal), account: "test",
            averageDailyVolume: 2_100_000, until: until, untilReason: "until")
        return try await TradingLoop(configuration: configuration, venue: venue, strategy: strategy, decider: .rules()).run()
    }

    private func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Keeps the first half of the journal's lines, cut cleanly at a line boundary.
    private func cutInHalf(_ path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aJournalCutInHalfIsDetectedAndTheDayRestoredFromTheCheckpoint() async throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        let result = try await run("eager.yaml", journal: path, until: Timestamp(hours: 9, minutes: 45, seconds: 0))
        let account = result.core.execution.account
        #expect(account.dailyTrades >= 2, "the scenario must trade")
        let checkpoint = try #require(try JournalCheckpoint.read(journal: path))
        #expect(checkpoint.account == "test")
        // The marks (bid, ask) move after the last snapshot; the money does not.
        #expect(checkpoint.execution.account.realizedPL == account.realizedPL)
        #expect(checkpoint.execution.account.dailyTrades == account.dailyTrades)

        let intact = try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: false)
        #expect(intact.lostTail == nil)
        #expect(intact.lastSequence == checkpoint.sequence)

        try cutInHalf(path)
        let day = try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: false)
        let lost = try #require(day.lostTail)
        #expect(lost.contains("but its checkpoint holds snapshot \(checkpoint.sequence)"))
        #expect(day.dailyTrades == account.dailyTrades)
        #expect(day.realizedPL == account.realizedPL)
        #expect(day.commissions == account.commissions)
        #expect(day.position == account.position)
        #expect(day.lastSequence == checkpoint.sequence)
        #expect(day.summary.contains("WARNING: the journal ends at snapshot"))
    }

    @Test func aHaltSurvivesALostTail() async throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        let result = try await run("tinyloss.yaml", journal: path, until: Timestamp(hours: 10, minutes: 30, seconds: 0))
        let halt = try #require(result.core.execution.halt)
        // Cut before the halt record: without the checkpoint the day would trade again.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let haltLine = try #require(lines.firstIndex { $0.contains("\"type\":\"halt\"") })
        try (lines.prefix(haltLine).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let day = try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: false)
        #expect(day.lostTail != nil)
        #expect(day.halt == halt)
    }

    @Test func aJournalMovedAsideTakesItsCheckpointWithIt() async throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        _ = try await run("eager.yaml", journal: path, until: Timestamp(hours: 9, minutes: 35, seconds: 0))
        #expect(try JournalCheckpoint.read(journal: path) != nil)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".aside")
        let day = try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: true)
        #expect(day.isEmpty)
        #expect(try JournalCheckpoint.read(journal: path) == nil, "a fresh day must not restore the old checkpoint")
    }

    @Test func aDamagedCheckpointIsAnErrorNamingIt() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("day.jsonl").path
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        try "{\"account\":".write(toFile: JournalCheckpoint.path(for: path), atomically: true, encoding: .utf8)
        #expect {
            try JournalReader.recover(path: path, account: "test", session: "2012-06-21", repair: false)
        } throws: { error in
            "\(error)".contains("day.jsonl.state: error: cannot open the journal: the checkpoint is not one this program wrote")
        }
    }
}
