import Foundation
import Testing

/// #14: a journal that cannot be written (a full disk, a file-size limit, lost permission) during a
/// run. The run must block new entries at once, cancel and flatten through the broker, say so, and
/// lose no record: what the file would not take is printed, in order, and the run exits 2.
@Suite struct JournalFailureTests {
    @Test func aJournalThatStopsTakingWritesFlattensAndLosesNoRecord() throws {
        let prlimit = "/usr/bin/prlimit"
        guard FileManager.default.isExecutableFile(atPath: prlimit) else {
            print("skipped: \(prlimit) (util-linux) is not installed")
            return
        }
        let folder = try RunProcess.temporaryFolder()
        let journal = folder.appendingPathComponent("day.jsonl").path
        let running = try RunProcess.start([
            "run", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model", "rules",
            "--speed", "60", "--until", "11:00", "--journal", journal, "--plain",
        ])
        defer { if running.process.isRunning { RunProcess.kill9(running) } }
        // Read the output as it comes: the records the journal refuses may be more than a pipe holds.
        let output = OutputCollector(running.stdout)
        let errors = OutputCollector(running.stderr)
        // Let the run trade first, then cap the file where it stands: its next write fails (EFBIG).
        #expect(RunProcess.waitForJournal(journal, seconds: 60) { $0.contains("\"type\":\"fill\"") })
        let size = try #require(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
        let limit = Process()
        limit.executableURL = URL(fileURLWithPath: prlimit)
        limit.arguments = ["--pid", "\(running.process.processIdentifier)", "--fsize=\(size):unlimited"]
        try limit.run()
        limit.waitUntilExit()
        #expect(limit.terminationStatus == 0)
        running.process.waitUntilExit()
        let stdout = output.text()
        let stderr = errors.text()

        #expect(running.process.terminationStatus == 2, "\(stderr)")
        #expect(stdout.contains("JOURNAL FAILED"), "\(stdout.suffix(2000))")
        #expect(stdout.contains("no new entries; cancelling every order and flattening"))
        #expect(stderr.contains("cannot write the journal"), "\(stderr)")
        // The file plus the printed records are the whole journal, in order.
        let marker = "could not be written to \(journal); they follow, in order:\n"
        let printed = try #require(stdout.range(of: marker).map { String(stdout[$0.upperBound...]) })
        let file = try String(contentsOfFile: journal, encoding: .utf8)
        let lines = (file + printed).split(separator: "\n").map(String.init)
        let records = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a record: \(line.prefix(200))")
        }
        let stop = try #require(records.last { $0["type"] as? String == "stop" }, "the stop record is not lost")
        #expect(stop["flat"] as? Bool == true)
        #expect((stop["reason"] as? String)?.contains("the journal cannot be written") == true)
        // No entry went out after the failure: the last entry submit comes before the first record the file refused.
        let firstRefused = lines.count - printed.split(separator: "\n").count
        let entries = records.indices.filter { records[$0]["action"] as? String == "submit" && records[$0]["role"] as? String == "ENTRY" }
        #expect(entries.allSatisfy { $0 < firstRefused })
        // Every fill the account booked has its record.
        let fills = Set(records.filter { $0["type"] as? String == "fill" }.compactMap { $0["execution_id"] as? String })
        let snapshot = try #require(records.last { $0["type"] as? String == "snapshot" })
        let execution = try #require(snapshot["execution"] as? [String: Any])
        let account = try #require(execution["account"] as? [String: Any])
        let booked = Set(try #require(account["executionIDs"] as? [String]))
        #expect(!booked.isEmpty && booked == fills)
    }
}

/// Reads a pipe to its end on a background thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            let all = handle.readDataToEndOfFile()
            self.lock.lock()
            self.data = all
            self.lock.unlock()
            self.done.signal()
        }
    }

    func text() -> String {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
