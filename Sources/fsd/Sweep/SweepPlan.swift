import ArgumentParser
import Foundation
import Strategy

/// What a sweep runs: every parameter set (the grid of `--set PATH=V1,V2,…`) on every slice (data
/// file × window), each cell one `fsd backtest --json` command line.
struct SweepPlan: Sendable {
    /// One grid axis: a path and the values it takes.
    struct Axis: Hashable, Sendable {
        var path: String
        var values: [String]
    }

    /// One run: a parameter set on a slice.
    struct Cell: Hashable, Codable, Sendable {
        var index: Int
        /// `path=value` per axis, in axis order.
        var parameters: [String]
        var slice: SweepSlice
        /// `train` or `test` in a walk-forward, nil otherwise.
        var role: String?
        /// The `fsd backtest` arguments (the program itself not included).
        var arguments: [String]

        /// The parameter set's name in tables: `risk.max_spread=0.2 entry.long.imbalance=1.8`.
        var parameterText: String { parameters.isEmpty ? "(the file's own)" : parameters.joined(separator: " ") }
    }

    var strategy: String
    var axes: [Axis]
    var slices: [SweepSlice]
    /// The slices of a walk-forward's test; every other slice is train (when there are any).
    var testSlices: Set<SweepSlice> = []
    /// Arguments every cell's backtest gets: `--model`, `--adv`, `--latency`, …
    var common: [String]

    /// The grid's parameter sets, the first axis varying slowest.
    var parameterSets: [[String]] {
        axes.reduce([[]]) { sets, axis in sets.flatMap { set in axis.values.map { set + ["\(axis.path)=\($0)"] } } }
    }

    var cells: [Cell] {
        var cells: [Cell] = []
        for parameters in parameterSets {
            for slice in slices {
                var arguments = ["backtest", "--strategy", strategy, "--data", slice.data]
                if let from = slice.from, let to = slice.to { arguments += ["--from", from, "--to", to] }
                arguments += common
                for parameter in parameters { arguments += ["--set", parameter] }
                arguments += ["--json", "--no-journal"]
                let role = testSlices.isEmpty ? nil : testSlices.contains(slice) ? "test" : "train"
                cells.append(Cell(index: cells.count, parameters: parameters, slice: slice, role: role, arguments: arguments))
            }
        }
        return cells
    }

    /// Parses `--set PATH=V1,V2,…` into axes (one axis per path; a path given twice is an error).
    static func axes(_ arguments: [String]) throws -> [Axis] {
        var axes: [Axis] = []
        for argument in arguments {
            let override: StrategyOverride
            do { override = try StrategyOverride.parse(argument) } catch { throw ValidationError(error.description) }
            let path = override.path.joined(separator: ".")
            guard !axes.contains(where: { $0.path == path }) else {
                throw ValidationError("--set \(path) is given twice; list its values in one: --set \(path)=V1,V2")
            }
            let values = StrategyOverride.values(override.value)
            guard !values.contains(where: \.isEmpty) else { throw ValidationError("--set \(argument): an empty value in the list") }
            guard Set(values).count == values.count else { throw ValidationError("--set \(argument): a value is listed twice") }
            axes.append(Axis(path: path, values: values))
        }
        return axes
    }

    /// Compiles the strategy with every parameter set, so a bad path or value fails before any
    /// cell runs, with the set that caused it.
    func check() throws(CLIError) {
        for parameters in parameterSets {
            let overrides = parameters.compactMap { try? StrategyOverride.parse($0) }
            do {
                _ = try StrategyFile.load(strategy, overrides: overrides)
            } catch {
                throw .invalidInput("the parameter set \(parameters.joined(separator: " ")) does not compile:\n\(error)")
            }
        }
    }
}

extension SweepPlan.Cell {
    /// A shell command line for the cell: `binary` and the arguments, quoted where needed, its JSON
    /// written to `output`.
    func command(binary: String, output: String) -> String {
        ([binary] + arguments).map(Shell.quote).joined(separator: " ") + " > " + Shell.quote(output)
    }
}

/// Quoting for POSIX shells.
enum Shell {
    static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
