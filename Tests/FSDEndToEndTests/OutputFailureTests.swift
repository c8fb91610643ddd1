import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output on a full disk (`/dev/full`) or a pipe whose reader went away (#14 item 2):
/// never a crash. A full disk is exit 2 with the reason on stderr; a closed pipe is a quiet exit 0,
/// as `git log | head` is.
@Suite(.serialized) struct OutputFailureTests {
    private static let strategy = "strategies/momentum.yaml"
    private static let seedState = RunProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/seed-state.json").path

    /// Runs `fsd arguments…` with standard output on `/dev/full`; returns the status and stderr.
    private func runToFullDisk(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let binary = try #require(RunProcess.binary, "build fsd first: swift build --build-tests")
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full is missing")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = RunProcess.repositoryRoot
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        try process.run()
        let text = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    /// Runs `fsd arguments…` with standard output on a pipe whose read end is closed after
    /// `readFirst` bytes (0: before the command writes anything).
    private func runToClosedPipe(_ arguments: [String], readFirst: Int) throws -> (status: Int32, stderr: String, read: Int) {
        let running = try RunProcess.start(arguments)
        var got = 0
        while got < readFirst {
            guard let data = try running.stdout.fileHandleForReading.read(upToCount: readFirst - got), !data.isEmpty else {
                break
            }
            got += data.count
        }
        try running.stdout.fileHandleForReading.close()
        let text = running.stderr.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        return (running.process.terminationStatus, String(decoding: text, as: UTF8.self), got)
    }

    private static let diskFull = "error: cannot write to standard output: No space left on device; the output is incomplete"

    @Test func decideOnAFullDiskExitsTwoWithTheReason() throws {
        let outcome = try runToFullDisk([
            "decide", "--strategy", Self.strategy, "--state", Self.seedState, "--model", "rules", "--json",
        ])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.hasSuffix(Self.diskFull + "\n"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Fatal error"))
        let text = try runToFullDisk(["decide", "--strategy", Self.strategy, "--state", Self.seedState, "--model", "rules"])
        #expect(text.status == 2, "\(text.stderr)")
        #expect(text.stderr.hasSuffix(Self.diskFull + "\n"), "\(text.stderr)")
    }

    @Test func backtestAndStateOnAFullDiskExitTwoWithTheReason() throws {
        let backtest = try runToFullDisk([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--from", "10:00", "--to", "10:05", "--no-journal",
        ])
        #expect(backtest.status == 2, "\(backtest.stderr)")
        #expect(backtest.stderr.hasSuffix(Self.diskFull + "\n"), "\(backtest.stderr)")
        let state = try runToFullDisk(["state", "--every", "1s", "--from", "10:00:00", "--to", "10:05:00"])
        #expect(state.status == 2, "\(state.stderr)")
        #expect(state.stderr.hasSuffix(Self.diskFull + "\n"), "\(state.stderr)")
        // The stepping stopped at the first failed write (its 64 KiB buffer), not after all 301 states.
        let printed = state.stderr.split(separator: "\n").first { $0.hasPrefix("fsd state: ") }
            .flatMap { Int($0.dropFirst("fsd state: ".count).prefix { $0.isNumber }) }
        let count = try #require(printed, "\(state.stderr)")
        #expect(count > 0 && count < 301, "\(state.stderr)")
    }

    @Test func runOnAFullDiskStopsCleanlyAtTheFirstFailedLine() throws {
        let folder = try RunProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = folder.appendingPathComponent("run.jsonl").path
        let outcome = try runToFullDisk([
            "run", "--strategy", Self.strategy, "--model", "rules", "--speed", "0", "--plain", "--until", "11:00",
            "--journal", journal,
        ])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "fsd run: cannot write to standard output: No space left on device; stopping the run cleanly (cancel, flatten, journal)"
            ), "\(outcome.stderr)")
        #expect(outcome.stderr.hasSuffix(Self.diskFull + "\n"), "\(outcome.stderr)")
        let records = try RunProcess.records(journal)
        let stop = try #require(records.last)
        #expect(stop["type"] as? String == "stop")
        #expect(stop["flat"] as? Bool == true)
        #expect((stop["reason"] as? String)?.contains("No space left on device") == true, "\(stop)")
    }

    @Test func aReaderThatStopsAfterTenBytesEndsStateQuietly() throws {
        // A whole day of states is tens of megabytes: far more than a pipe holds, so writes fail.
        let outcome = try runToClosedPipe(["state", "--every", "1s"], readFirst: 10)
        #expect(outcome.read == 10)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("error"), "\(outcome.stderr)")
    }

    @Test func aPipeClosedBeforeAnyOutputEndsDecideAndBacktestQuietly() throws {
        let decide = try runToClosedPipe(
            ["decide", "--strategy", Self.strategy, "--state", Self.seedState, "--model", "rules", "--json"], readFirst: 0)
        #expect(decide.status == 0, "\(decide.stderr)")
        #expect(!decide.stderr.contains("error"), "\(decide.stderr)")
        let backtest = try runToClosedPipe(
            ["backtest", "--strategy", Self.strategy, "--model", "rules", "--to", "09:35", "--no-journal", "--json"],
            readFirst: 0)
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(!backtest.stderr.contains("error"), "\(backtest.stderr)")
    }

    @Test func aReportThatCannotBeWrittenIsExitTwoAndLeavesTheLinkAlone() throws {
        let folder = try RunProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("report.html").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        let outcome = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--to", "09:35", "--no-journal", "--report", link,
        ])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(
            outcome.stderr.hasSuffix("\(link): error: cannot write the report: No space left on device\n"), "\(outcome.stderr)")
        // Writing beside and renaming would have replaced the link (or the device) with a file.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "/dev/full")
        #expect(!FileManager.default.fileExists(atPath: link + ".partial"))
    }

    @Test func aReportIsWrittenWholeUnderItsName() throws {
        let folder = try RunProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.html").path
        let outcome = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--to", "09:35", "--no-journal", "--report", report,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") || html.hasPrefix("<!doctype html>"), "\(html.prefix(40))")
        #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"))
        #expect(!FileManager.default.fileExists(atPath: report + ".partial"))
    }
}
