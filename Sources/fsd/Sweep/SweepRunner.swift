import Agent
import Foundation

/// Runs a plan's cells as child `fsd backtest` processes, `jobs` at a time, each writing its
/// summary where `--merge` reads it, with progress on standard error.
struct SweepRunner {
    let directory: SweepDirectory
    let binary: String
    let jobs: Int

    /// - Throws: a runtime failure naming the first cell that failed, with its error output.
    func run(_ cells: [SweepPlan.Cell]) async throws(CLIError) {
        let started = ContinuousClock.now
        let showProgress = isTerminal(2)
        var done = 0
        var failure: (SweepPlan.Cell, Int32)?
        await withTaskGroup(of: (SweepPlan.Cell, Int32).self) { group in
            var next = 0
            func launch() {
                guard next < cells.count else { return }
                let cell = cells[next]
                next += 1
                group.addTask { (cell, await Self.execute(cell, binary: binary, directory: directory)) }
            }
            for _ in 0..<min(jobs, cells.count) { launch() }
            while let (cell, status) = await group.next() {
                done += 1
                if status != 0, failure == nil { failure = (cell, status) }
                if showProgress {
                    let seconds = (ContinuousClock.now - started).components.seconds
                    Console.progress("\rsweep: \(done)/\(cells.count) cells done, \(min(jobs, cells.count - done)) running, \(seconds) s   ")
                }
                if failure == nil { launch() }
            }
        }
        if showProgress { Console.progress("\n") }
        if let (cell, status) = failure {
            let stderr = FileManager.default.contents(atPath: directory.errorPath(cell)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw .runtimeFailure(
                "cell \(cell.index) (\(cell.parameterText) on \(cell.slice.label) \(cell.slice.window)) exited \(status):\n"
                    + stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// One child process, its output to the cell's files; the exit status (127: it did not start).
    private static func execute(_ cell: SweepPlan.Cell, binary: String, directory: SweepDirectory) async -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = cell.arguments
        guard FileManager.default.createFile(atPath: directory.resultPath(cell), contents: nil),
            FileManager.default.createFile(atPath: directory.errorPath(cell), contents: nil),
            let out = FileHandle(forWritingAtPath: directory.resultPath(cell)),
            let err = FileHandle(forWritingAtPath: directory.errorPath(cell))
        else { return 127 }
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                try? err.write(contentsOf: Data("\(binary) could not be started: \(error.localizedDescription)\n".utf8))
                continuation.resume(returning: 127)
            }
        }
    }

    /// This very program, for the child processes.
    static var currentBinary: String {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
    }
}
