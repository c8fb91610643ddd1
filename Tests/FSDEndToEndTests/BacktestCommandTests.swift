import Foundation
import Testing

/// `fsd backtest` on the real bundled GOOG 2012-06-21 session, with the rules deciding.
@Suite(.serialized) struct BacktestCommandTests {
    private func json(_ outcome: RunProcess.Outcome) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return try #require(object, "stdout is not one JSON object: \(outcome.stdout) \(outcome.stderr)")
    }

    @Test func theRulesTradeFlattenOnCompiledExitsAndReport() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("bt.jsonl").path
        let report = folder.appendingPathComponent("report.html").path
        let outcome = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model", "rules",
            "--journal", journal, "--report", report, "--json", "--to", "10:30",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try json(outcome)
        // eager.yaml allows 10 trades a day, and the first hour of the session has setups enough.
        #expect(summary["trades"] as? Int == 10)
        #expect(summary["halted"] is NSNull)
        #expect((summary["model"] as? String)?.hasPrefix("rules (the compiled checklist decides alone") == true)
        let exits = try #require(summary["exits_fired"] as? Int)
        #expect(exits > 0)
        // Money adds up: P&L after commissions = realized - commissions once flat at the end.
        let pl = try #require(summary["pl_after_commissions"] as? Double)
        let realized = try #require(summary["realized_pl"] as? Double)
        let commissions = try #require(summary["commissions"] as? Double)
        #expect(abs(pl - (realized - commissions)) < 0.00005)
        // IBKR fixed: at least $1 per order, two orders per round trip.
        #expect(commissions >= 20)
        let decisions = try #require(summary["decisions"] as? [String: Int])
        #expect(decisions["accepted"] == 10)

        let records = try RunProcess.records(journal)
        #expect(records.first?["type"] as? String == "session")
        #expect(records.last?["type"] as? String == "stop")
        #expect(records.last?["flat"] as? Bool == true)
        // A compiled exit flattens at once: its record is followed by the flatten order.
        let exitIndex = try #require(records.firstIndex { $0["type"] as? String == "exit" && $0["action"] as? String == "exit" })
        #expect(records[exitIndex]["result"] as? String == "done")
        #expect(records[exitIndex + 1]["type"] as? String == "order")
        #expect(records[exitIndex + 1]["action"] as? String == "flatten")
        // Brackets: every entry came with a stop and a target, and the day ends flat: the exits
        // (a leg, or the flatten after a compiled exit) undid exactly what the entries did.
        let submits = records.filter { $0["type"] as? String == "order" && $0["action"] as? String == "submit" }
        let roles = Dictionary(grouping: submits, by: { $0["role"] as? String ?? "" }).mapValues(\.count)
        #expect(roles["ENTRY"] == 10)
        #expect(roles["STOP"] == 10)
        #expect(roles["TARGET"] == 10)
        let fills = records.filter { $0["type"] as? String == "fill" }
        let filledQuantity = fills.reduce(0) { $0 + (($1["qty"] as? Int) ?? 0) * (($1["side"] as? String) == "BUY" ? 1 : -1) }
        #expect(filledQuantity == 0)

        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg"))
        // Each fill is drawn on the price path and on the condition timeline's price.
        #expect(html.components(separatedBy: "<polygon ").count - 1 == 2 * fills.count)
        #expect(html.components(separatedBy: "<polygon class=\"fill\"").count - 1 == fills.count)
    }

    @Test func theLossLimitHaltsAndNothingTradesAfterwards() throws {
        let outcome = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("tinyloss.yaml").path, "--model", "rules",
            "--no-journal", "--json", "--to", "10:30",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try json(outcome)
        let halted = try #require(summary["halted"] as? String)
        #expect(halted.hasPrefix("daily P&L -"))
        #expect(halted.hasSuffix("reached max daily loss 1.50"))
        #expect(summary["trades"] as? Int == 1)
        #expect((summary["pl_after_commissions"] as? Double ?? 0) <= -1.5)
    }

    /// #11: what a model's speed costs, one row per charged latency, each run with its own journal.
    @Test func aLatencyListRunsTheDayOncePerFigure() throws {
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("bt.jsonl").path
        let arguments = [
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model", "rules",
            "--to", "10:00", "--journal", journal,
        ]
        let outcome = try RunProcess.run(arguments + ["--latency", "0,2000,12000", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["latency_comparison"] as? [[String: Any]])
        #expect(rows.compactMap { $0["latency_ms"] as? Int } == [0, 2000, 12000])
        let summaries = rows.compactMap { $0["summary"] as? [String: Any] }
        #expect((summaries.first?["trades"] as? Int ?? 0) > 0, "answers at once trade")
        #expect(summaries.dropFirst().allSatisfy { ($0["setups_lost_to_latency"] as? Int ?? 0) > 0 })
        for figure in [0, 2000, 12000] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bt-latency-\(figure).jsonl").path))
        }
        let text = try RunProcess.run(arguments + ["--latency", "0,12000"])
        #expect(text.stdout.contains("latency ms  trades  P&L after comm."), "\(text.stdout)")
        #expect(text.stdout.contains("\nData: NASDAQ TotalView-ITCH only (LOBSTER)"), "the comparison names its data")
        #expect(summaries.allSatisfy { ($0["dataset"] as? [String: Any]) != nil })
        let withReport = try RunProcess.run(arguments + ["--latency", "0,12000", "--report", folder.appendingPathComponent("r.html").path])
        #expect(withReport.status == 1)
        #expect(withReport.stderr.contains("--report draws one run"))
        let bad = try RunProcess.run(arguments + ["--latency", "0,abc"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("'0,abc' is invalid for '--latency"))
    }

    @Test func aMissingModelServerSaysWhatToDo() throws {
        let outcome = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model",
            "ollama:http://127.0.0.1:9#deepseek-r1:8b", "--no-journal",
        ])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: no model server answers at http://127.0.0.1:9"))
        #expect(outcome.stderr.contains("ollama serve"))
        #expect(outcome.stderr.contains("or pass --model rules"))
    }

    @Test func badOptionsAreInvalidInput() throws {
        let outcome = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model", "rules", "--from",
            "25:00",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: --from must be HH:MM or HH:MM:SS, e.g. 10:00\n")
        let missing = try RunProcess.run(["backtest", "--strategy", "nope.yaml", "--model", "rules"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))
    }
}
