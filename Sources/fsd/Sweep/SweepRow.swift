import Foundation

/// One cell's outcome, read from its `fsd backtest --json` summary.
struct SweepRow: Hashable, Sendable {
    var cell: SweepPlan.Cell
    var trades: Int
    var wins: Int
    /// Dollars, exact to the cent as the summary prints them (the backtest adds in fixed point).
    var pl: Decimal
    var maxDrawdown: Decimal
    var setups: Int
    var taken: Int
    /// What stopped the most setups, `spread_guard 41`, or nil when none was stopped.
    var topObstacle: String?
    var why: String

    /// Reads a summary; a cell whose output is not one is an error naming the cell.
    init(cell: SweepPlan.Cell, json: Data) throws(CLIError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw .runtimeFailure("cell \(cell.index) (\(cell.parameterText) on \(cell.slice.label)) printed no JSON summary")
        }
        func decimal(_ key: String) -> Decimal {
            (object[key] as? NSNumber).map { Decimal(string: $0.stringValue) ?? 0 } ?? 0
        }
        self.cell = cell
        trades = object["trades"] as? Int ?? 0
        wins = object["wins"] as? Int ?? 0
        pl = decimal("pl_after_commissions")
        maxDrawdown = decimal("max_drawdown")
        let funnel = object["funnel"] as? [String: Any] ?? [:]
        var stopped: [String: Int] = [:]
        setups = 0
        taken = 0
        for side in ["long", "short"] {
            guard let counts = funnel[side] as? [String: Any] else { continue }
            setups += counts["setups"] as? Int ?? 0
            taken += counts["taken"] as? Int ?? 0
            for (key, value) in counts["not_taken"] as? [String: Int] ?? [:] { stopped[key, default: 0] += value }
        }
        topObstacle = stopped.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { "\($0.key) \($0.value)" }
        why = funnel["why"] as? String ?? ""
    }

    var winRate: Double? { trades == 0 ? nil : Double(wins) / Double(trades) }
}

/// One parameter set over all its slices, for the ranking.
struct SweepRanking: Sendable {
    var parameters: String
    var rows: [SweepRow]

    var pl: Decimal { rows.reduce(0) { $0 + $1.pl } }
    var trades: Int { rows.reduce(0) { $0 + $1.trades } }
    var wins: Int { rows.reduce(0) { $0 + $1.wins } }
    var winRate: Double? { trades == 0 ? nil : Double(wins) / Double(trades) }
    var worstDrawdown: Decimal { rows.map(\.maxDrawdown).max() ?? 0 }
    var meanPL: Decimal { rows.isEmpty ? 0 : pl / Decimal(rows.count) }
    var minPL: Decimal { rows.map(\.pl).min() ?? 0 }
    var maxPL: Decimal { rows.map(\.pl).max() ?? 0 }

    /// The score `objective` ranks by (higher is better).
    func score(_ objective: SweepObjective) -> Double {
        switch objective {
        case .pl: NSDecimalNumber(decimal: pl).doubleValue
        case .winRate: winRate ?? -1
        case .trades: Double(trades)
        case .plOverDrawdown:
            NSDecimalNumber(decimal: pl).doubleValue / max(NSDecimalNumber(decimal: worstDrawdown).doubleValue, 1)
        }
    }

    /// Parameter sets in the order the rows first name them, best first by `objective` (ties: the
    /// grid's order, so a ranking is the same on every run).
    static func rank(_ rows: [SweepRow], by objective: SweepObjective) -> [SweepRanking] {
        var order: [String] = []
        var grouped: [String: [SweepRow]] = [:]
        for row in rows {
            let key = row.cell.parameterText
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(row)
        }
        let sets = order.enumerated().map { ($0.offset, SweepRanking(parameters: $0.element, rows: grouped[$0.element] ?? [])) }
        return sets.sorted { a, b in
            let (x, y) = (a.1.score(objective), b.1.score(objective))
            return x != y ? x > y : a.0 < b.0
        }.map(\.1)
    }
}

/// What "best" means for a ranking and a walk-forward choice.
enum SweepObjective: String, CaseIterable, Sendable {
    /// P&L after commissions, summed over the slices.
    case pl
    /// Wins over trades (a set with no trades ranks last).
    case winRate = "win_rate"
    case trades
    /// P&L after commissions over the worst slice's max drawdown (at least $1).
    case plOverDrawdown = "pl_over_drawdown"

    var words: String {
        switch self {
        case .pl: "P&L after commissions, summed over the slices"
        case .winRate: "win rate over all the slices' trades"
        case .trades: "number of trades"
        case .plOverDrawdown: "P&L after commissions over the worst max drawdown"
        }
    }
}
