import Execution
import Foundation
import MarketData
import Testing

@testable import Agent

/// Journals written by the binary as it was before the journal records became typed values
/// (`fsd backtest --model rules --from 09:30 --to 09:45 --journal FILE` on the bundled GOOG day, with
/// `Fixtures/eager.yaml` and `Fixtures/tinyloss.yaml`). A day journaled by an older build must still
/// restore: the wire format may grow, never break.
@Suite struct OldJournalRecoveryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A copy, so that `repair: true` can never edit the committed fixture.
    private func copy(_ name: String) throws -> String {
        let path = JournalTests.temporaryPath(name)
        try JournalWriter.makeParentDirectory(of: path)
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent(name).path, toPath: path)
        return path
    }

    @Test func aTradingDayWrittenByTheOldBinaryRestoresItsAccount() throws {
        let path = try copy("journal-eager.jsonl")
        let day = try JournalReader.recover(path: path, account: "backtest", session: "2012-06-21", repair: true)
        #expect(day.corruptTail == nil)
        #expect(day.lines == 163)
        #expect(day.sessions == 1)
        #expect(day.position == 0)
        #expect(day.dailyTrades == 5)
        #expect(day.realizedPL == Price(cents: 4_910))
        #expect(day.commissions == Price(cents: 1_000))
        #expect(day.openOrders.isEmpty)
        #expect(day.halt == nil)
        #expect(day.lastTime == Timestamp(nanos: 35_099_700_764_635))
        // Another account's restart finds nothing of this one.
        #expect(try JournalReader.recover(path: path, account: "DU111", session: "2012-06-21", repair: false).isEmpty)
    }

    @Test func aHaltWrittenByTheOldBinaryStaysInForce() throws {
        let path = try copy("journal-halt.jsonl")
        let day = try JournalReader.recover(path: path, account: "backtest", session: "2012-06-21", repair: true)
        #expect(day.corruptTail == nil)
        #expect(
            day.halt == Halt(time: Timestamp(nanos: 34_200_600_000_000), reason: "daily P&L -4.90 reached max daily loss 1.50"))
        #expect(day.dailyTrades == 1)
        #expect(day.position == 0)
        #expect(day.realizedPL == Price(cents: -390))
        #expect(day.commissions == Price(cents: 200))
    }
}
