import Agent
import ArgumentParser
import Foundation

/// `fsd sweep`: a grid of overrides over data files and windows, one backtest per cell, ranked;
/// walk-forward; a plan for other engines and the merge of their results.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Backtest a grid of strategy overrides over data files and windows, rank them, walk forward.",
        discussion: """
            Each --set PATH=V1,V2,… is an axis of the grid (the same paths as backtest's --set: \
            a parameter of the file's params: block, imbalance_long=1.3,1.5,1.8; \
            risk.max_spread=0.10,0.25; entry.long.imbalance=1.3,1.5,1.8 replaces the one number of \
            that condition's rule; commas inside [..] or (..) do not split a rule). Every parameter \
            set runs on every --data file (default: the bundled GOOG day) and --window (default: the \
            whole session), each cell one `fsd backtest --json --no-journal` process, --jobs at a time, \
            with the rules deciding unless --model says otherwise.

            Prints one row per cell (trades, win rate, P&L after commissions, max drawdown, setups \
            found and taken, what stopped the most) and the parameter sets ranked by --objective with \
            the spread of P&L over the slices. --json, --csv, --html FILE. The cells and their results \
            stay in --out DIR (default data/logs/sweeps/<time>): plan.jsonl, commands.txt, \
            results/cell-NNNN.json.

            Walk-forward: --train and --test name slices (FILE, FILE@HH:MM-HH:MM, or @HH:MM-HH:MM for \
            every --data file); the best set on train by --objective is judged on test, with the gap; \
            the output says plainly when the data are too few to conclude anything.

            Other engines: --plan DIR writes the cells without running them (commands.txt holds one \
            shell command per cell: run it with GNU parallel, xargs -P or a Kubernetes Indexed Job, \
            docs/RESEARCH.md); --merge DIR reads the results into the same table.

            Examples:
              fsd sweep --strategy strategies/momentum.yaml --adv 2100000 --set risk.max_spread=0.10,0.25,0.40 --set entry.long.volume=0.3,1.5
              fsd sweep --strategy s.yaml --data a.csv.gz --data b.csv.gz --window 09:30-12:00 --window 12:00-16:00 --set risk.max_spread=0.2,0.4 --jobs 4
              fsd sweep --strategy s.yaml --set entry.long.imbalance=1.3,1.5,1.8 --train @09:30-12:00 --test @12:00-16:00
              fsd sweep --strategy s.yaml --set risk.max_spread=0.2,0.4 --plan sweep1 && parallel -j 8 < sweep1/commands.txt
              fsd sweep --merge sweep1
            """
    )

    @Option(help: "Strategy file (YAML).")
    var strategy: String?

    @Option(help: ArgumentHelp("A replay file (repeatable); default: the bundled GOOG 2012-06-21 session.", valueName: "file"))
    var data: [String] = []

    @Option(help: ArgumentHelp("A session window HH:MM-HH:MM (repeatable); default: the whole session.", valueName: "from-to"))
    var window: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("An axis of the grid: PATH=V1,V2,… (repeatable).", valueName: "path=values"))
    var axes: [String] = []

    @Option(help: "The decider of every cell, as backtest's --model (default: rules).")
    var model = "rules"

    @Option(help: ArgumentHelp("Average daily volume for RVOL_DAY, passed to every cell.", valueName: "shares"))
    var adv: Int64?

    @Option(help: ArgumentHelp("What --adv counts (venue or consolidated), passed to every cell.", valueName: "coverage"))
    var advCoverage: String?

    @Option(help: ArgumentHelp("Model latency charged per answer, passed to every cell.", valueName: "ms"))
    var latency: Int?

    @Option(help: "Cells run at once (child processes).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "What ranks parameter sets: pl, win_rate, trades, pl_over_drawdown.")
    var objective = "pl"

    @Option(help: ArgumentHelp("Walk-forward train slices: FILE, FILE@HH:MM-HH:MM or @HH:MM-HH:MM, comma-separated.", valueName: "slices"))
    var train: String?

    @Option(help: ArgumentHelp("Walk-forward test slices, as --train.", valueName: "slices"))
    var test: String?

    @Option(help: ArgumentHelp("Where the cells and results go (default data/logs/sweeps/<time>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Write the plan to DIR and stop: run its commands.txt elsewhere, then --merge DIR.", valueName: "dir"))
    var plan: String?

    @Option(help: ArgumentHelp("How the plan's commands name fsd (default: this binary's path; `fsd` in a container).", valueName: "name"))
    var planBinary: String?

    @Option(help: ArgumentHelp("Merge the results of a plan run elsewhere.", valueName: "dir"))
    var merge: String?

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    @Flag(help: "Print the rows as CSV.")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML page of the results.", valueName: "file"))
    var html: String?

    func validate() throws {
        guard SweepObjective(rawValue: objective) != nil else {
            throw ValidationError("--objective \(objective): expected one of \(SweepObjective.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !(json && csv) else { throw ValidationError("--json and --csv: choose one") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let advCoverage {
            guard ["venue", "consolidated"].contains(advCoverage) else {
                throw ValidationError("--adv-coverage \(advCoverage): expected venue or consolidated")
            }
            guard adv != nil else { throw ValidationError("--adv-coverage \(advCoverage) says what --adv counts: give --adv SHARES too") }
        }
        guard (train == nil) == (test == nil) else { throw ValidationError("--train and --test go together") }
        if merge != nil {
            guard strategy == nil, plan == nil else { throw ValidationError("--merge reads a finished plan: give no --strategy or --plan") }
            return
        }
        guard strategy != nil else { throw ValidationError("--strategy is required (or --merge DIR)") }
        for item in window { _ = try SweepSlice.window(item, option: "--window") }
        _ = try SweepPlan.axes(axes)
    }

    func run() async throws {
        let objective = SweepObjective(rawValue: objective) ?? .pl
        if let merge {
            let directory = SweepDirectory(path: merge)
            let cells = try directory.cells()
            let name = cells.first.flatMap { cell in
                cell.arguments.firstIndex(of: "--strategy").flatMap { cell.arguments.indices.contains($0 + 1) ? cell.arguments[$0 + 1] : nil }
            }
            try output(try directory.rows(cells), objective: objective, name: name ?? merge)
            return
        }
        let sweep = try makePlan()
        try sweep.check()
        let binary = SweepRunner.currentBinary
        if let plan {
            let directory = SweepDirectory(path: plan)
            try directory.write(sweep, binary: planBinary ?? binary)
            Console.note("sweep: \(sweep.cells.count) cells planned in \(plan) (plan.jsonl, commands.txt); run them, then fsd sweep --merge \(plan)")
            return
        }
        let directory = SweepDirectory(path: out ?? "data/logs/sweeps/" + Self.stamp())
        try directory.write(sweep, binary: binary)
        let cells = sweep.cells
        Console.note("sweep: \(cells.count) cells (\(sweep.parameterSets.count) parameter sets × \(sweep.slices.count) slices), \(min(jobs, cells.count)) at a time, in \(directory.path)")
        try await SweepRunner(directory: directory, binary: binary, jobs: jobs).run(cells)
        try output(try directory.rows(cells), objective: objective, name: sweep.strategy)
    }

    private func makePlan() throws(CLIError) -> SweepPlan {
        let strategy = self.strategy ?? ""
        let files = data.isEmpty ? [try BundledFile.locate(BundledFile.sample, option: "--data")] : data
        var slices: [SweepSlice] = []
        var testSlices: Set<SweepSlice> = []
        do {
            if let train, let test {
                let trainSlices = try SweepSlice.items(train, data: files, option: "--train")
                let tests = try SweepSlice.items(test, data: files, option: "--test")
                if let both = trainSlices.first(where: tests.contains) {
                    throw ValidationError("\(both.label) \(both.window) is in both --train and --test: a test must be data the choice never saw")
                }
                slices = trainSlices + tests
                testSlices = Set(tests)
            } else {
                let windows = try window.map { try SweepSlice.window($0, option: "--window") }
                for file in files {
                    if windows.isEmpty { slices.append(SweepSlice(data: file)) }
                    for (from, to) in windows { slices.append(SweepSlice(data: file, from: from, to: to)) }
                }
            }
        } catch let error as ValidationError {
            throw .invalidInput(error.message)
        } catch {
            throw .invalidInput("\(error)")
        }
        var common = ["--model", model]
        if let adv { common += ["--adv", String(adv)] }
        if let advCoverage { common += ["--adv-coverage", advCoverage] }
        if let latency { common += ["--latency", String(latency)] }
        let axes = (try? SweepPlan.axes(self.axes)) ?? []
        return SweepPlan(strategy: strategy, axes: axes, slices: slices, testSlices: testSlices, common: common)
    }

    private func output(_ rows: [SweepRow], objective: SweepObjective, name: String) throws(CLIError) {
        let table = SweepTable(strategy: name, rows: rows, objective: objective)
        let walk = rows.contains { $0.cell.role != nil }
            ? WalkForward(objective: objective, train: rows.filter { $0.cell.role == "train" }, test: rows.filter { $0.cell.role == "test" })
            : nil
        if let html { try ReportFile.write(SweepPage.render(table, walkForward: walk), to: html) }
        if json {
            var object = table.jsonObject
            if let walk { object.field("walk_forward", rawJSON: walk.json) }
            Console.line(object.json)
        } else if csv {
            Console.line(table.csv)
        } else {
            Console.line(table.text + (walk.map { "\n\n" + $0.text } ?? ""))
        }
    }

    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
