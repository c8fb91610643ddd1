import Foundation

/// A sweep's folder: `plan.jsonl` (one cell per line), `commands.txt` (one shell command per
/// cell, for GNU parallel, xargs or a Kubernetes Indexed Job) and `results/cell-NNNN.json`, each
/// cell's `fsd backtest --json` summary. `fsd sweep` writes and runs one; `--plan` only writes it;
/// `--merge` reads the results, wherever they were produced.
struct SweepDirectory {
    let path: String

    var planPath: String { path + "/plan.jsonl" }
    var commandsPath: String { path + "/commands.txt" }
    var resultsPath: String { path + "/results" }

    func resultPath(_ cell: SweepPlan.Cell) -> String { resultsPath + "/" + Self.resultName(cell.index) }
    func errorPath(_ cell: SweepPlan.Cell) -> String { resultsPath + "/" + Self.resultName(cell.index) + ".err" }

    static func resultName(_ index: Int) -> String {
        let digits = String(index)
        return "cell-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".json"
    }

    /// Writes the plan and the commands; `binary` is how the commands name fsd.
    func write(_ plan: SweepPlan, binary: String) throws(CLIError) {
        do {
            try FileManager.default.createDirectory(atPath: resultsPath, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var plan_ = ""
            var commands = ""
            for cell in plan.cells {
                plan_ += String(decoding: try encoder.encode(PlannedCell(cell, binary: binary, directory: self)), as: UTF8.self) + "\n"
                commands += cell.command(binary: binary, output: resultPath(cell)) + "\n"
            }
            try Data(plan_.utf8).write(to: URL(fileURLWithPath: planPath))
            try Data(commands.utf8).write(to: URL(fileURLWithPath: commandsPath))
        } catch {
            throw .runtimeFailure("cannot write the sweep's plan: \(error.localizedDescription)", file: path)
        }
    }

    /// The cells of `plan.jsonl`.
    func cells() throws(CLIError) -> [SweepPlan.Cell] {
        guard let data = FileManager.default.contents(atPath: planPath) else {
            throw .runtimeFailure("no plan.jsonl here; write one with fsd sweep --plan \(path) …", file: path)
        }
        var cells: [SweepPlan.Cell] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            guard let planned = try? JSONDecoder().decode(PlannedCell.self, from: Data(line.utf8)) else {
                throw .invalidInput("line \(number + 1) is not a planned cell", file: planPath)
            }
            cells.append(planned.cell)
        }
        return cells
    }

    /// Every cell's row, read from its result; the cells without one are named.
    func rows(_ cells: [SweepPlan.Cell]) throws(CLIError) -> [SweepRow] {
        let missing = cells.filter { (FileManager.default.contents(atPath: resultPath($0))?.isEmpty ?? true) }
        guard missing.isEmpty else {
            let names = missing.prefix(5).map { Self.resultName($0.index) }.joined(separator: ", ")
            throw .runtimeFailure(
                "\(missing.count) of \(cells.count) cells have no result yet (\(names)\(missing.count > 5 ? ", …" : "")); "
                    + "run their lines of commands.txt, then merge again", file: resultsPath)
        }
        return try cells.map { cell throws(CLIError) in
            try SweepRow(cell: cell, json: FileManager.default.contents(atPath: resultPath(cell)) ?? Data())
        }
    }
}

/// A line of `plan.jsonl`: the cell, and the command that produces its result.
struct PlannedCell: Codable {
    var cell: SweepPlan.Cell
    var command: String
    var output: String

    init(_ cell: SweepPlan.Cell, binary: String, directory: SweepDirectory) {
        self.cell = cell
        output = directory.resultPath(cell)
        command = cell.command(binary: binary, output: output)
    }
}
