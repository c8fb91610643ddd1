import Foundation
import Testing

/// #13 items 3–5: `fsd sweep` on real data. Its rows are the single backtests' own; a plan run by
/// xargs merges into the same table; walk-forward chooses on train only.
@Suite(.serialized) struct SweepCommandTests {
    static let strategy = RunProcess.fixtures.appendingPathComponent("funnel-small.yaml").path
    static let amzn = FunnelCommandTests.shared.appendingPathComponent("AMZN_2012-06-21_34200000_57600000_message_1.csv.gz").path

    private func object(_ outcome: RunProcess.Outcome) throws -> [String: Any] {
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)")
    }

    @Test func everyRowIsTheSingleBacktestOfItsCell() throws {
        // Two files when ../shared is here, else two windows of the bundled day: 2 × 3 × 2 = 12 cells.
        let shared = FileManager.default.fileExists(atPath: Self.amzn)
        let slices = shared ? ["--data", BundledPath.sample, "--data", Self.amzn, "--window", "10:00-10:30"]
            : ["--window", "10:00-10:20", "--window", "10:20-10:40"]
        if !shared { print("note: \(Self.amzn) is absent; two windows of the bundled day instead of two files") }
        let folder = try RunProcess.temporaryFolder()
        let sweep = try object(
            RunProcess.run(
                ["sweep", "--strategy", Self.strategy, "--set", "risk.max_spread=0.10,0.30", "--set", "entry.long.delta=0,100,400",
                 "--jobs", "2", "--json", "--out", folder.path] + slices))
        let rows = try #require(sweep["rows"] as? [[String: Any]])
        #expect(rows.count == 12)
        #expect(Set(rows.compactMap { ($0["parameters"] as? [String])?.joined(separator: " ") }).count == 6)
        for row in rows {
            let parameters = try #require(row["parameters"] as? [String])
            var arguments = ["backtest", "--strategy", Self.strategy, "--model", "rules", "--json", "--no-journal"]
            arguments += ["--data", try #require(row["data"] as? String)]
            if let from = row["from"] as? String, let to = row["to"] as? String { arguments += ["--from", from, "--to", to] }
            for parameter in parameters { arguments += ["--set", parameter] }
            let single = try object(RunProcess.run(arguments))
            #expect(row["trades"] as? Int == single["trades"] as? Int, "\(parameters)")
            #expect(row["wins"] as? Int == single["wins"] as? Int, "\(parameters)")
            #expect(row["pl_after_commissions"] as? Double == single["pl_after_commissions"] as? Double, "\(parameters)")
            #expect(row["max_drawdown"] as? Double == single["max_drawdown"] as? Double, "\(parameters)")
            let funnel = try #require(single["funnel"] as? [String: Any])
            #expect(row["why"] as? String == funnel["why"] as? String)
        }
        // The ranking sums each set's slices, best P&L first.
        let ranking = try #require(sweep["ranking"] as? [[String: Any]])
        #expect(ranking.count == 6)
        let totals = ranking.compactMap { $0["pl_after_commissions"] as? Double }
        #expect(totals == totals.sorted(by: >))
        let first = try #require(ranking.first?["parameters"] as? String)
        let sum = rows.filter { ($0["parameters"] as? [String])?.joined(separator: " ") == first }
            .reduce(0.0) { $0 + ($1["pl_after_commissions"] as? Double ?? 0) }
        #expect(abs(sum - totals[0]) < 0.005)
    }

    @Test func aPlanRunByXargsMergesIntoTheSweepsOwnTable() throws {
        let binary = try #require(RunProcess.binary).path
        let grid = ["--strategy", Self.strategy, "--set", "risk.max_spread=0.10,0.20,0.30", "--window", "10:00-10:20", "--window", "11:00-11:20"]
        let folder = try RunProcess.temporaryFolder()
        let own = try object(RunProcess.run(["sweep"] + grid + ["--jobs", "2", "--json", "--out", folder.appendingPathComponent("own").path]))

        let planned = folder.appendingPathComponent("plan").path
        let plan = try RunProcess.run(["sweep"] + grid + ["--plan", planned, "--plan-binary", binary])
        #expect(plan.status == 0, "\(plan.stderr)")
        let lines = try String(contentsOfFile: planned + "/plan.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        // Not merged before the cells ran: the missing ones are named.
        let early = try RunProcess.run(["sweep", "--merge", planned])
        #expect(early.status == 2)
        #expect(early.stderr.contains("6 of 6 cells have no result yet (cell-0000.json, cell-0001.json"), "\(early.stderr)")

        let xargs = Process()
        xargs.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        xargs.arguments = ["xargs", "-d", "\n", "-P", "2", "-I{}", "sh", "-c", "{}"]
        xargs.currentDirectoryURL = RunProcess.repositoryRoot
        xargs.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: planned + "/commands.txt"))
        xargs.standardError = FileHandle.nullDevice
        try xargs.run()
        xargs.waitUntilExit()
        #expect(xargs.terminationStatus == 0)

        let merged = try object(RunProcess.run(["sweep", "--merge", planned, "--json"]))
        #expect(NSDictionary(dictionary: merged).isEqual(to: own))
        let text = try RunProcess.run(["sweep", "--merge", planned, "--csv"])
        #expect(text.stdout.split(separator: "\n").count == 7)
        #expect(text.stdout.hasPrefix("cell,parameters,data,from,to,trades,"))
    }

    @Test func walkForwardChoosesOnTrainAloneAndSaysTheDataAreTooFew() throws {
        let folder = try RunProcess.temporaryFolder()
        let outcome = try object(
            RunProcess.run([
                "sweep", "--strategy", Self.strategy, "--set", "risk.max_spread=0.10,0.20,0.30", "--train", "@10:00-11:00",
                "--test", "@11:00-12:00", "--jobs", "2", "--json", "--out", folder.path,
            ]))
        let walk = try #require(outcome["walk_forward"] as? [String: Any])
        let train = try #require(walk["train_rows"] as? [[String: Any]])
        let test = try #require(walk["test_rows"] as? [[String: Any]])
        func best(_ rows: [[String: Any]]) -> String? {
            rows.max { ($0["pl_after_commissions"] as? Double ?? 0) < ($1["pl_after_commissions"] as? Double ?? 0) }
                .flatMap { ($0["parameters"] as? [String])?.joined(separator: " ") }
        }
        // On this day the two halves disagree: the choice follows train, and test is only reported.
        #expect(best(train) != best(test))
        #expect(walk["chosen"] as? String == best(train))
        #expect(walk["best_on_test"] as? String == best(test))
        let trainScore = try #require(walk["train_score"] as? Double)
        let testScore = try #require(walk["test_score"] as? Double)
        #expect(abs((walk["gap"] as? Double ?? 0) - (testScore - trainScore)) < 0.005)
        #expect((walk["caution"] as? String)?.hasPrefix("Too few data to conclude anything: 1 train slice, 1 test slice") == true)
        // The ranking is the train slices' alone.
        let ranking = try #require(outcome["ranking"] as? [[String: Any]])
        #expect(ranking.first?["parameters"] as? String == best(train))
    }

    @Test func aBadParameterFailsBeforeAnyCellRuns() throws {
        let folder = try RunProcess.temporaryFolder()
        let outcome = try RunProcess.run([
            "sweep", "--strategy", Self.strategy, "--set", "risk.max_sprad=0.1,0.2", "--out", folder.path,
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--set risk.max_sprad=0.1: no key 'max_sprad' in risk; did you mean 'max_spread'?"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/plan.jsonl"))
        let twice = try RunProcess.run(["sweep", "--strategy", Self.strategy, "--set", "risk.max_spread=0.1", "--set", "risk.max_spread=0.2"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("--set risk.max_spread is given twice; list its values in one: --set risk.max_spread=V1,V2"))
    }
}

enum BundledPath {
    static let sample = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
}
