import Execution
import Foundation
import MarketData
import StateVector
import Testing

@testable import Agent

@Suite struct JournalTests {
    static func temporaryPath(_ name: String = "day.jsonl") -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-journal-\(UUID().uuidString)")
        return folder.appendingPathComponent("logs").appendingPathComponent(name).path
    }

    private func session(_ account: String) -> JSONLine {
        JournalRecords.session(
            account: account, symbol: "GOOG", date: "2012-06-21", mode: "live", broker: "sim", model: "rules",
            strategy: "momentum", strategyHash: "abc", data: nil, at: Timestamp(hours: 9, minutes: 30, seconds: 0))
    }

    private func execution(position: Int64, realized: Money, commissions: Money, trades: Int64, halt: Halt? = nil) -> ExecutionSnapshot {
        let stop = OrderRequest(id: "GOOG-2-stop", side: .buy, type: .stop, price: Price(cents: 58_032), quantity: 100, role: .stop)
        var order = ManagedOrder(request: stop, submittedAt: Timestamp(hours: 9, minutes: 59, seconds: 0))
        order.state = .working
        order.workingQuantity = 100
        return ExecutionSnapshot(
            session: "2012-06-21",
            account: AccountSnapshot(
                position: position, costBasis: Price(cents: 58_012) * 100, realizedPL: realized, commissions: commissions,
                dailyTrades: trades, bid: nil, ask: nil, executionIDs: ["e1", "e2"]),
            orders: OrderManagerSnapshot(nextSequence: 3, orders: [order], bracket: nil, flattenReason: nil), halt: halt)
    }

    @Test func lineEncodesKeysInOrderAndEscapes() {
        var line = JSONLine(type: "verdict")
        line.time(Timestamp(hours: 9, minutes: 31, seconds: 2, nanos: 5_000_000))
        line.field("reason", "refused \"ENTER_LONG\": L2_IMBALANCE 1.32 ≤ 1.5\n")
        line.field("pl", price: Price(raw: -123_456))
        line.field("none", nil as String?)
        #expect(
            line.json
                == #"{"type":"verdict","time":"09:31:02.005","ns":34262005000000,"reason":"refused \"ENTER_LONG\": L2_IMBALANCE 1.32 ≤ 1.5\n","pl":-12.3456,"none":null}"#
        )
    }

    @Test func writesOneLinePerRecordAndReadsTheDayBack() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("sim"))
        let snapshot = execution(position: -100, realized: Price(raw: -1_234_500), commissions: Price(cents: 300), trades: 3)
        try writer.append(JournalRecords.snapshot(snapshot, at: Timestamp(hours: 10, minutes: 0, seconds: 0)))
        // Flushed per line: both lines are in the file before the writer is closed.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasSuffix("\n"))
        try writer.close()

        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: false)
        #expect(day.sessions == 1)
        #expect(day.execution == snapshot)
        #expect(day.position == -100)
        #expect(day.realizedPL == Price(raw: -1_234_500))
        #expect(day.commissions == Price(cents: 300))
        #expect(day.dailyTrades == 3)
        #expect(day.openOrders.map(\.request.id) == ["GOOG-2-stop"])
        #expect(day.lastTime == Timestamp(hours: 10, minutes: 0, seconds: 0))
        #expect(day.halt == nil)
    }

    @Test func anotherDaysSnapshotIsNotRestored() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("sim"))
        try writer.append(JournalRecords.snapshot(execution(position: 0, realized: .zero, commissions: .zero, trades: 1), at: Timestamp(nanos: 0)))
        try writer.close()
        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-22", repair: false)
        #expect(day.execution == nil)
    }

    @Test func aHaltSurvivesEveryLaterRecord() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("sim"))
        let halt = Halt(time: Timestamp(hours: 11, minutes: 0, seconds: 0), reason: "daily P&L -512.30 reached max daily loss 500.00")
        try writer.append(JournalRecords.halt(halt))
        try writer.append(session("sim"))
        // A later snapshot without the halt (written by a buggy or older run) cannot lift it.
        try writer.append(JournalRecords.snapshot(execution(position: 0, realized: Price(cents: -51_230), commissions: .zero, trades: 4), at: Timestamp(hours: 11, minutes: 1, seconds: 0)))
        try writer.close()
        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: false)
        #expect(day.halt == halt)
        #expect(day.dailyTrades == 4)
        #expect(day.sessions == 2)
    }

    @Test func otherAccountsRecordsAreIgnored() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("DU111"))
        try writer.append(JournalRecords.halt(Halt(time: Timestamp(nanos: 0), reason: "other account")))
        try writer.append(session("sim"))
        try writer.append(JournalRecords.snapshot(execution(position: 0, realized: .zero, commissions: .zero, trades: 2), at: Timestamp(nanos: 1)))
        try writer.close()
        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: false)
        #expect(day.halt == nil)
        #expect(day.dailyTrades == 2)
        #expect(day.sessions == 1)
    }

    @Test func aTornLastLineIsReportedAndCutOff() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("sim"))
        try writer.append(JournalRecords.snapshot(execution(position: 0, realized: .zero, commissions: .zero, trades: 4), at: Timestamp(nanos: 1)))
        try writer.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"type":"fill","price":580.1"#.utf8))
        try handle.close()

        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: true)
        #expect(day.dailyTrades == 4)
        #expect(day.corruptTail == #"{"type":"fill","price":580.1"#)
        let repaired = try String(contentsOfFile: path, encoding: .utf8)
        #expect(repaired.split(separator: "\n").count == 2)
        #expect(repaired.hasSuffix("\n"))
        // Once repaired the journal reads clean, and the next record starts on a line of its own.
        #expect(try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: true).corruptTail == nil)
    }

    @Test func aDamagedLineInsideTheJournalIsAnErrorNamingTheLine() throws {
        let path = Self.temporaryPath()
        try JournalWriter.makeParentDirectory(of: path)
        let text = #"{"type":"session","account":"sim"}"# + "\n" + "{oops\n" + #"{"type":"tick"}"# + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let expected = JournalError.corruptLine(path: path, line: 2, reason: "not a JSON object: {oops")
        #expect(throws: expected) {
            try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: true)
        }
        #expect(expected.description.hasPrefix("\(path):2: error: not a JSON object: {oops. Only the last line"))
    }

    @Test func onlySnapshotRecordsAreReadAsSnapshots() throws {
        let path = Self.temporaryPath()
        let writer = try JournalWriter(path: path, flush: .perLine)
        try writer.append(session("sim"))
        try writer.append(json: #"{"type":"fill","ns":5,"execution":"GOOG-1-entry.1","qty":100}"#)
        try writer.close()
        let day = try JournalReader.recover(path: path, account: "sim", session: "2012-06-21", repair: false)
        #expect(day.lines == 2)
        #expect(day.execution == nil)
        #expect(day.lastTime == Timestamp(nanos: 5))
    }

    /// #14: a failed write dropped the buffered lines. They stay, in order, for the next attempt.
    @Test func linesAFullDiskRefusedStayInOrder() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let writer = try JournalWriter(path: "/dev/full", flush: .perLine)
        #expect(throws: JournalError.self) { try writer.append(json: #"{"type":"a"}"#) }
        #expect(throws: JournalError.self) { try writer.append(json: #"{"type":"b"}"#) }
        #expect(writer.unwrittenLines == [#"{"type":"a"}"#, #"{"type":"b"}"#])
        #expect {
            try writer.close()
        } throws: { error in
            "\(error)".contains("/dev/full: error: cannot write the journal: No space left on device")
        }
        #expect(writer.unwrittenLines.count == 2)
    }

    @Test func aMissingJournalIsAnEmptyDay() throws {
        let day = try JournalReader.recover(path: Self.temporaryPath(), account: "sim", session: "2012-06-21", repair: true)
        #expect(day.isEmpty)
        #expect(day.summary == "nothing to restore")
    }
}
