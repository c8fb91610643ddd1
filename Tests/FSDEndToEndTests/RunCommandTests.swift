import Foundation
import Testing

/// `fsd run` as a user runs it: a subprocess replaying the bundled GOOG session, killed with
/// SIGKILL mid-run and restarted, or edited while it runs.
@Suite(.serialized) struct RunCommandTests {
    private func strategy(_ name: String) -> String {
        RunProcess.fixtures.appendingPathComponent(name).path
    }

    private func lastSnapshot(_ records: [[String: Any]]) -> [String: Any]? {
        records.last { $0["type"] as? String == "snapshot" }
    }

    @Test func aKill9MidRunKeepsPLAndTradeCount() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let arguments = ["run", "--strategy", strategy("eager.yaml"), "--model", "rules", "--speed", "0", "--journal", journal, "--plain"]
        let first = try RunProcess.start(arguments + ["--until", "10:30"])
        let reached = RunProcess.waitForJournal(journal, seconds: 120) { $0.contains("\"daily_trades\":3") }
        RunProcess.kill9(first)
        try #require(reached, "the run never reached 3 trades")
        let before = try RunProcess.records(journal)
        let snapshot = try #require(lastSnapshot(before))
        let trades = try #require(snapshot["daily_trades"] as? Int)
        let realized = try #require(snapshot["realized_pl"] as? Double)
        let commissions = try #require(snapshot["commissions"] as? Double)
        #expect(trades >= 3)

        let second = try RunProcess.run(arguments + ["--until", "09:30:01"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("journal: restored 1 earlier run(s): realized "))
        #expect(second.stdout.contains(", trades \(trades), "))
        let after = try RunProcess.records(journal)
        let sessions = after.filter { $0["type"] as? String == "session" }
        #expect(sessions.count == 2)
        let recovered = try #require(after.first { $0["type"] as? String == "recovered" })
        #expect((recovered["summary"] as? String)?.contains("trades \(trades)") == true)
        // The restart resumed where the journal ended, so --until 09:30:01 stops it at once; the
        // day's figures are the ones from before the crash (plus the flatten of an open position).
        let stop = try #require(after.last { $0["type"] as? String == "stop" })
        #expect((stop["daily_trades"] as? Int) == trades)
        let finalRealized = try #require(stop["realized_pl"] as? Double)
        let finalCommissions = try #require(stop["commissions"] as? Double)
        #expect(finalCommissions >= commissions)
        if (snapshot["position"] as? Int) == 0 {
            #expect(finalRealized == realized)
        }
    }

    @Test func aRestartNeverLiftsAHalt() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let arguments = ["run", "--strategy", strategy("tinyloss.yaml"), "--model", "rules", "--journal", journal, "--plain"]
        let first = try RunProcess.start(arguments + ["--speed", "0", "--until", "10:30"])
        let halted = RunProcess.waitForJournal(journal, seconds: 120) { $0.contains("\"type\":\"halt\"") }
        RunProcess.kill9(first)
        try #require(halted, "the run never halted")
        let tradesAtHalt = try #require(lastSnapshot(try RunProcess.records(journal))?["daily_trades"] as? Int)

        let second = try RunProcess.run(arguments + ["--speed", "0", "--until", "10:30"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("HALTED since"))
        let after = try RunProcess.records(journal)
        let stop = try #require(after.last { $0["type"] as? String == "stop" })
        #expect((stop["halted"] as? String)?.contains("reached max daily loss 1.50") == true)
        #expect(stop["daily_trades"] as? Int == tradesAtHalt)
        #expect(stop["position"] as? Int == 0)
        // No entry was submitted after the restart.
        let restart = try #require(after.lastIndex { $0["type"] as? String == "session" })
        #expect(!after[restart...].contains { $0["type"] as? String == "order" && $0["role"] as? String == "ENTRY" })
    }

    /// Runs eager.yaml from a copy, edits the copy to `rejected` (waiting for the journal to say
    /// so), then to `swapped`, and returns the journal's records and whether each edit was seen.
    private func reload(rejected: (String) -> String, swapped: (String) -> String) throws
        -> (records: [[String: Any]], refused: Bool, swapped: Bool, status: Int32)
    {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let path = folder.appendingPathComponent("live.yaml").path
        let original = try String(contentsOfFile: strategy("eager.yaml"), encoding: .utf8)
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let running = try RunProcess.start([
            "run", "--strategy", path, "--model", "rules", "--speed", "300", "--until", "10:30", "--journal", journal, "--plain",
        ])
        defer { if running.process.isRunning { RunProcess.kill9(running) } }
        usleep(1_500_000)
        try rejected(original).write(toFile: path, atomically: true, encoding: .utf8)
        let refused = RunProcess.waitForJournal(journal, seconds: 20) { $0.contains("\"result\":\"rejected\"") }
        try swapped(original).write(toFile: path, atomically: true, encoding: .utf8)
        let wasSwapped = RunProcess.waitForJournal(journal, seconds: 20) { $0.contains("\"result\":\"swapped\"") }
        running.process.waitUntilExit()
        return (try RunProcess.records(journal), refused, wasSwapped, running.process.terminationStatus)
    }

    /// #12 item 4: a strategy that `extends:` another reloads when the base is edited, and a bad
    /// edit to the base is refused naming the base's file and line.
    @Test func anEditToTheBaseIsReloadedToo() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let base = folder.appendingPathComponent("base.yaml").path
        let path = folder.appendingPathComponent("live.yaml").path
        let original = try String(contentsOfFile: strategy("eager.yaml"), encoding: .utf8)
        try original.write(toFile: base, atomically: true, encoding: .utf8)
        try "extends: base.yaml\nname: live\n".write(toFile: path, atomically: true, encoding: .utf8)
        let running = try RunProcess.start([
            "run", "--strategy", path, "--model", "rules", "--speed", "300", "--until", "10:30", "--journal", journal, "--plain",
        ])
        defer { if running.process.isRunning { RunProcess.kill9(running) } }
        usleep(1_500_000)
        try original.replacingOccurrences(of: "L2_IMBALANCE > 2.0", with: "L2_IMBALENCE > 2.0")
            .write(toFile: base, atomically: true, encoding: .utf8)
        let refused = RunProcess.waitForJournal(journal, seconds: 20) { $0.contains("\"result\":\"rejected\"") }
        try original.replacingOccurrences(of: "when: L2_IMBALANCE > 2.0", with: "when: L2_IMBALANCE > 2.5")
            .replacingOccurrences(of: "text: L2_IMBALANCE > 2.0", with: "text: L2_IMBALANCE > 2.5")
            .write(toFile: base, atomically: true, encoding: .utf8)
        let swapped = RunProcess.waitForJournal(journal, seconds: 20) { $0.contains("\"result\":\"swapped\"") }
        running.process.waitUntilExit()
        #expect(refused)
        #expect(swapped)
        let records = try RunProcess.records(journal)
        let rejected = try #require(records.first { $0["result"] as? String == "rejected" })
        let diagnostics = try #require(rejected["diagnostics"] as? String)
        #expect(diagnostics.contains("base.yaml:"), "\(diagnostics)")
        #expect(diagnostics.contains("unknown field 'L2_IMBALENCE'"))
        #expect(running.process.terminationStatus == 0)
    }

    @Test func aValidEditIsSwappedInAndABadOneIsRefused() throws {
        let run = try reload(
            rejected: { $0.replacingOccurrences(of: "L2_IMBALANCE > 2.0", with: "L2_IMBALENCE > 2.0") },
            swapped: { $0.replacingOccurrences(of: "when: L2_IMBALANCE > 2.0", with: "when: L2_IMBALANCE > 2.5")
                .replacingOccurrences(of: "text: L2_IMBALANCE > 2.0", with: "text: L2_IMBALANCE > 2.5") })
        #expect(run.refused)
        #expect(run.swapped)
        let rejected = try #require(run.records.first { $0["result"] as? String == "rejected" })
        #expect((rejected["diagnostics"] as? String)?.contains("unknown field 'L2_IMBALENCE'") == true)
        let reload = try #require(run.records.first { $0["result"] as? String == "swapped" })
        #expect((reload["hash"] as? String)?.count == 16)
        #expect(reload["hash"] as? String != reload["previous_hash"] as? String)
        #expect(run.status == 0)
    }

    /// #16: a reload could raise the day's loss limits mid-day. It may tighten them, never raise them.
    @Test func aReloadThatRaisesALossLimitIsRefusedAndOneThatLowersItIsSwapped() throws {
        let run = try reload(
            rejected: {
                $0.replacingOccurrences(of: "max_daily_loss: 500.00", with: "max_daily_loss: 900.00")
                    .replacingOccurrences(of: "max_trades_per_day: 10", with: "max_trades_per_day: 12")
            },
            swapped: { $0.replacingOccurrences(of: "max_daily_loss: 500.00", with: "max_daily_loss: 400.00") })
        #expect(run.refused)
        #expect(run.swapped)
        let rejected = try #require(run.records.first { $0["result"] as? String == "rejected" })
        let diagnostics = try #require(rejected["diagnostics"] as? String)
        #expect(diagnostics.contains("risk.max_daily_loss 500.00 → 900.00, risk.max_trades_per_day 10 → 12"), "\(diagnostics)")
        #expect(diagnostics.contains("restart the run to raise them"))
        let reload = try #require(run.records.first { $0["result"] as? String == "swapped" })
        #expect((reload["notes"] as? [String])?.contains { $0.contains("max daily loss 400.00") } == true, "\(reload)")
        #expect(run.status == 0)
    }
}
