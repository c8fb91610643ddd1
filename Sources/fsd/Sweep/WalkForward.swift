import Agent
import Foundation

/// Walk-forward: the best parameter set chosen on the train slices by the objective, then judged
/// on the test slices it never saw, with the gap between the two.
struct WalkForward {
    var objective: SweepObjective
    var train: [SweepRow]
    var test: [SweepRow]

    /// The train ranking; its first is the choice.
    var trainRanking: [SweepRanking] { SweepRanking.rank(train, by: objective) }
    var testRanking: [SweepRanking] { SweepRanking.rank(test, by: objective) }

    var chosen: SweepRanking? { trainRanking.first }

    /// The chosen set on the test slices.
    var chosenOnTest: SweepRanking? {
        chosen.flatMap { chosen in testRanking.first { $0.parameters == chosen.parameters } }
    }

    /// Why the result means little, when it does: too few slices or trades to tell edge from luck.
    var caution: String? {
        let trainSlices = Set(train.map(\.cell.slice)).count
        let testSlices = Set(test.map(\.cell.slice)).count
        let trades = chosen?.trades ?? 0
        var reasons: [String] = []
        if trainSlices < 3 { reasons.append("\(trainSlices) train slice\(trainSlices == 1 ? "" : "s")") }
        if testSlices < 3 { reasons.append("\(testSlices) test slice\(testSlices == 1 ? "" : "s")") }
        if trades < 30 { reasons.append("\(trades) trades for the chosen set in training") }
        guard !reasons.isEmpty else { return nil }
        return "Too few data to conclude anything: " + reasons.joined(separator: ", ")
            + ". With one day per symbol, a set chosen here is as likely luck as edge; "
            + "walk forward over many days (at least 3 train and 3 test, 30+ trades) before trusting it."
    }

    var text: String {
        var lines = ["Walk-forward: chosen on \(Set(train.map(\.cell.slice)).count) train slices by \(objective.words); judged on "
            + "\(Set(test.map(\.cell.slice)).count) test slices"]
        guard let chosen, let onTest = chosenOnTest else { return (lines + ["no parameter set ran on both"]).joined(separator: "\n") }
        let trainScore = chosen.score(objective)
        let testScore = onTest.score(objective)
        lines.append("Chosen: \(chosen.parameters)")
        lines.append(
            "  in sample (train): \(objective.rawValue) \(Self.score(trainScore, objective)), P&L \(SweepTable.money(chosen.pl)), "
                + "\(chosen.trades) trades, win \(SweepTable.percent(chosen.winRate))%")
        lines.append(
            "  out of sample (test): \(objective.rawValue) \(Self.score(testScore, objective)), P&L \(SweepTable.money(onTest.pl)), "
                + "\(onTest.trades) trades, win \(SweepTable.percent(onTest.winRate))%")
        lines.append("  gap (test - train): \(Self.score(testScore - trainScore, objective))")
        if let bestTest = testRanking.first, bestTest.parameters != chosen.parameters {
            lines.append("  (on test alone the best would have been \(bestTest.parameters): \(Self.score(bestTest.score(objective), objective)); "
                + "the choice is made on train only)")
        }
        if let caution { lines.append(caution) }
        return lines.joined(separator: "\n")
    }

    static func score(_ value: Double, _ objective: SweepObjective) -> String {
        switch objective {
        case .winRate: String(format: "%.1f%%", value * 100)
        case .trades: String(Int(value))
        case .pl, .plOverDrawdown: String(format: "%.2f", value)
        }
    }

    var json: String {
        var object = JSONLine()
        object.field("objective", objective.rawValue)
        object.field("chosen", chosen?.parameters)
        object.field("train_score", chosen?.score(objective))
        object.field("test_score", chosenOnTest?.score(objective))
        object.field("gap", chosenOnTest.flatMap { test in chosen.map { test.score(objective) - $0.score(objective) } })
        object.field("best_on_test", testRanking.first?.parameters)
        object.field("caution", caution)
        object.field("train_rows", rawArray: train.map(SweepTable.json))
        object.field("test_rows", rawArray: test.map(SweepTable.json))
        return object.json
    }
}
