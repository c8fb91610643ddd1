import Foundation
import Testing

/// #13's funnel on real days: what `fsd backtest` counts per condition and setup equals what a
/// hand-written reading of `fsd state --every` output counts, tick for tick.
@Suite(.serialized) struct FunnelCommandTests {
    static let shared = RunProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/lobster")

    /// The conditions of funnel-small.yaml, written again from its rules over the state JSON.
    static let conditions: [String: [(String, @Sendable ([String: Any]) -> Bool)]] = [
        "long": [
            ("delta", { ($0["TAPE_DELTA_5S"] as? Int).map { $0 > 0 } ?? false }),
            ("tape", { $0["TAPE_SENTIMENT"] as? String == "AGGRESSIVE_BUYING" }),
            ("cvd", { $0["CVD_TREND"] as? String == "RISING" }),
        ],
        "short": [
            ("delta", { ($0["TAPE_DELTA_5S"] as? Int).map { $0 < 0 } ?? false }),
            ("tape", { $0["TAPE_SENTIMENT"] as? String == "AGGRESSIVE_SELLING" }),
            ("cvd", { $0["CVD_TREND"] as? String == "FALLING" }),
        ],
    ]

    struct Counted: Equatable {
        var passed: [Int]
        var alone: [Int]
        var setupTicks = 0
        var setups = 0
    }

    private func count(_ states: [[String: Any]], side: String) throws -> Counted {
        let rules = try #require(Self.conditions[side])
        var counted = Counted(passed: Array(repeating: 0, count: rules.count), alone: Array(repeating: 0, count: rules.count))
        var inSetup = false
        for market in states {
            let outcomes = rules.map { $0.1(market) }
            for (index, passed) in outcomes.enumerated() where passed { counted.passed[index] += 1 }
            let failing = outcomes.indices.filter { !outcomes[$0] }
            if failing.count == 1 { counted.alone[failing[0]] += 1 }
            if failing.isEmpty {
                counted.setupTicks += 1
                if !inSetup { counted.setups += 1 }
            }
            inSetup = failing.isEmpty
        }
        return counted
    }

    private func check(data: String?, from: String, to: String) throws {
        let strategy = RunProcess.fixtures.appendingPathComponent("funnel-small.yaml").path
        let dataArguments = data.map { ["--data", $0] } ?? []
        let backtest = try RunProcess.run(
            ["backtest", "--strategy", strategy, "--model", "rules", "--from", from, "--to", to, "--json", "--no-journal"] + dataArguments)
        #expect(backtest.status == 0, "\(backtest.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(backtest.stdout.utf8)) as? [String: Any])
        let funnel = try #require(summary["funnel"] as? [String: Any])
        let ticks = try #require(funnel["ticks"] as? Int)
        let first = try #require(funnel["first_tick"] as? String)
        let last = try #require(funnel["last_tick"] as? String)
        let state = try RunProcess.run(["state", "--every", "200ms", "--from", first, "--to", last] + dataArguments)
        #expect(state.status == 0, "\(state.stderr)")
        let states = try state.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["MARKET_STATE"] as? [String: Any])
        }
        // The loop ticks every 200 ms from the first tick to the last, as fsd state steps.
        #expect(states.count == ticks)
        var setups = 0
        for side in ["long", "short"] {
            let counts = try #require(funnel[side] as? [String: Any])
            let rows = try #require(counts["conditions"] as? [[String: Any]])
            #expect(rows.map { $0["name"] as? String } == Self.conditions[side]?.map(\.0))
            let funnelCounts = Counted(
                passed: rows.compactMap { $0["passed"] as? Int }, alone: rows.compactMap { $0["alone"] as? Int },
                setupTicks: counts["setup_ticks"] as? Int ?? -1, setups: counts["setups"] as? Int ?? -1)
            let independent = try count(states, side: side)
            #expect(funnelCounts == independent, "\(side) on \(data ?? "the bundled day")")
            // Every setup is taken or stopped by exactly one thing.
            let taken = try #require(counts["taken"] as? Int)
            let stopped = try #require(counts["not_taken"] as? [String: Int])
            #expect(taken + stopped.values.reduce(0, +) == independent.setups)
            setups += independent.setups
        }
        #expect(setups > 0, "the window holds setups to count")
        let why = try #require(funnel["why"] as? String)
        #expect(why.contains("\(setups) setups"), "\(why)")
    }

    @Test func theFunnelCountsWhatTheStatesSayOnTheBundledDay() throws {
        try check(data: nil, from: "10:00", to: "10:30")
    }

    @Test(arguments: ["AMZN_2012-06-21_34200000_57600000_message_5.csv.gz", "AAPL_2012-06-21_34200000_57600000_message_1.csv.gz"])
    func theFunnelCountsWhatTheStatesSayOnTheSharedDays(_ file: String) throws {
        let path = Self.shared.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is absent (../shared/data is not next to this clone)")
            return
        }
        try check(data: path, from: "13:00", to: "13:20")
    }

    @Test func theTextSummaryOpensWithWhyTheDayDidNotTrade() throws {
        let outcome = try RunProcess.run([
            "backtest", "--strategy", "strategies/momentum.yaml", "--model", "rules", "--from", "10:00", "--to", "10:10", "--no-journal",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        // Without --adv, RVOL_DAY reads null: the funnel says it was the one condition in the way,
        // at the top, before the figures.
        let why = try #require(lines.firstIndex { $0.hasPrefix("No trades: no setup in 2,") }, "\(lines.prefix(4))")
        let trades = try #require(lines.firstIndex { $0.hasPrefix("Trades ") })
        #expect(why < trades && why <= 3)
        #expect(lines[why].contains("(RVOL_DAY > 1.5) was the only condition failing on"), "\(lines[why])")
        #expect(lines[why].contains("it read a null on"), "\(lines[why])")
        #expect(lines.contains { $0.hasPrefix("Funnel over ") })
        #expect(lines.contains { $0.hasPrefix("    volume") && $0.hasSuffix("RVOL_DAY > 1.5") })
    }
}
