import Agent
import Foundation

/// A sweep's results for people (a text table), spreadsheets (CSV) and scripts (JSON).
struct SweepTable {
    var strategy: String
    var rows: [SweepRow]
    var objective: SweepObjective

    /// In a walk-forward the ranking is the train slices' (the test slices judge the choice only).
    var ranking: [SweepRanking] { SweepRanking.rank(rankedRows, by: objective) }
    var rankedRows: [SweepRow] { rows.contains { $0.cell.role != nil } ? rows.filter { $0.cell.role == "train" } : rows }

    static func money(_ value: Decimal) -> String {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 2, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }

    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f", $0 * 100) } ?? "n/a"
    }

    /// Columns padded to their widest cell, numbers on the right.
    static func render(_ header: [String], _ lines: [[String]], numeric: Set<Int>) -> [String] {
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        return ([header] + lines).map { cells in
            let line = cells.enumerated().map { index, cell in cell.padded(toWidth: widths[index], leading: numeric.contains(index)) }
                .joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    var text: String {
        let parameterSets = Set(rows.map(\.cell.parameterText)).count
        let slices = Set(rows.map(\.cell.slice)).count
        var out = ["Sweep of \(strategy): \(parameterSets) parameter sets × \(slices) slices = \(rows.count) cells", ""]
        let header = ["cell", "parameters", "data", "window", "trades", "win %", "P&L", "max DD", "setups", "taken", "stopped most by"]
        let lines = rows.map { row in
            [
                String(row.cell.index), row.cell.parameterText, row.cell.slice.label, row.cell.slice.window, String(row.trades),
                Self.percent(row.winRate), Self.money(row.pl), Self.money(row.maxDrawdown), String(row.setups), String(row.taken),
                row.topObstacle ?? "-",
            ]
        }
        out += Self.render(header, lines, numeric: [0, 4, 5, 6, 7, 8, 9])
        let ranked = Set(rankedRows.map(\.cell.slice)).count
        let scope = ranked == slices ? "" : " on the \(ranked) train slices"
        out += ["", "Ranked\(scope) by \(objective.words) (per slice: the spread of P&L over the \(ranked) slices):"]
        let rankHeader = ["rank", "parameters", "P&L", "per slice mean", "min", "max", "trades", "win %", "worst DD"]
        let rankLines = ranking.enumerated().map { index, set in
            [
                String(index + 1), set.parameters, Self.money(set.pl), Self.money(set.meanPL), Self.money(set.minPL),
                Self.money(set.maxPL), String(set.trades), Self.percent(set.winRate), Self.money(set.worstDrawdown),
            ]
        }
        out += Self.render(rankHeader, rankLines, numeric: [0, 2, 3, 4, 5, 6, 7, 8])
        return out.joined(separator: "\n")
    }

    var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["cell,parameters,data,from,to,trades,wins,win_rate,pl_after_commissions,max_drawdown,setups,taken,stopped_most_by"]
        for row in rows {
            let cells = [
                String(row.cell.index), row.cell.parameterText, row.cell.slice.data, row.cell.slice.from ?? "", row.cell.slice.to ?? "",
                String(row.trades), String(row.wins), row.winRate.map { String($0) } ?? "", Self.money(row.pl),
                Self.money(row.maxDrawdown), String(row.setups), String(row.taken), row.topObstacle ?? "",
            ]
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    var jsonObject: JSONLine {
        var object = JSONLine()
        object.field("strategy", strategy)
        object.field("objective", objective.rawValue)
        object.field("rows", rawArray: rows.map(Self.json))
        object.field(
            "ranking",
            rawArray: ranking.map { set in
                var line = JSONLine()
                line.field("parameters", set.parameters)
                line.field("pl_after_commissions", rawJSON: Self.money(set.pl))
                line.field("per_slice_mean", rawJSON: Self.money(set.meanPL))
                line.field("per_slice_min", rawJSON: Self.money(set.minPL))
                line.field("per_slice_max", rawJSON: Self.money(set.maxPL))
                line.field("trades", set.trades)
                line.field("win_rate", set.winRate)
                line.field("worst_drawdown", rawJSON: Self.money(set.worstDrawdown))
                return line.json
            })
        return object
    }

    static func json(_ row: SweepRow) -> String {
        var line = JSONLine()
        line.field("cell", row.cell.index)
        line.field("parameters", strings: row.cell.parameters)
        line.field("data", row.cell.slice.data)
        line.field("from", row.cell.slice.from)
        line.field("to", row.cell.slice.to)
        line.field("trades", row.trades)
        line.field("wins", row.wins)
        line.field("win_rate", row.winRate)
        line.field("pl_after_commissions", rawJSON: money(row.pl))
        line.field("max_drawdown", rawJSON: money(row.maxDrawdown))
        line.field("setups", row.setups)
        line.field("taken", row.taken)
        line.field("stopped_most_by", row.topObstacle)
        line.field("why", row.why)
        return line.json
    }
}
