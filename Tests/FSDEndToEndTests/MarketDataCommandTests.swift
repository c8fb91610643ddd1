import Foundation
import Testing

/// `fsd state`, `fsd convert` and `fsd bench` as a user runs them, on the bundled GOOG day.
@Suite struct MarketDataCommandTests {
    static let sample = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    @Test func stateAtNoonIsThePinnedOne() throws {
        let outcome = try RunProcess.run(["state", "--at", "12:00:00", "--compact"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // The values ReplayTests pins at noon from the library, here through the command line.
        let market = try #require(try Self.json(outcome.stdout)["MARKET_STATE"] as? [String: Any])
        #expect(market["TICKER"] as? String == "GOOG")
        #expect((market["LAST"] as? NSNumber)?.doubleValue == 572.87)
        #expect((market["CVD_SESSION"] as? NSNumber)?.intValue == -6795)
        #expect((market["VP_POC"] as? NSNumber)?.doubleValue == 572.00)
        #expect(market["RVOL_DAY"] is NSNull)
        #expect(outcome.stderr.contains("RVOL_DAY is null"))
        let withVolume = try RunProcess.run(["state", "--at", "12:00:00", "--compact", "--adv", "2100000"])
        let rvol = try #require(try Self.json(withVolume.stdout)["MARKET_STATE"] as? [String: Any])["RVOL_DAY"]
        #expect(((rvol as? NSNumber)?.doubleValue ?? 0) > 0)
        #expect(!withVolume.stderr.contains("RVOL_DAY is null"))
    }

    @Test func stateEveryMinuteIsJSONLines() throws {
        let outcome = try RunProcess.run(["state", "--every", "1m", "--from", "10:00:00", "--to", "10:05:00"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        for line in lines {
            let market = try #require(try Self.json(String(line))["MARKET_STATE"] as? [String: Any])
            #expect(market["TICKER"] as? String == "GOOG")
        }
        #expect(outcome.stderr.contains("6 states from 10:00:00.000 every 1m"))
    }

    @Test func badArgumentsAndMissingFilesSayWhat() throws {
        let badTime = try RunProcess.run(["state", "--at", "25:00:00"])
        #expect(badTime.status == 1)
        #expect(badTime.stderr.contains("--at '25:00:00': expected HH:MM:SS or HH:MM:SS.fff"))
        let both = try RunProcess.run(["state", "--at", "10:00:00", "--every", "1s"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--at and --every exclude each other"))
        let missing = try RunProcess.run(["state", "--data", "/nonexistent/X_2012-06-21_1_2_message_1.csv", "--at", "10:00:00"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/X_2012-06-21_1_2_message_1.csv: error: cannot open"))
        let runs = try RunProcess.run(["bench", "--runs", "0"])
        #expect(runs.status == 1)
        #expect(runs.stderr.contains("--runs 0: expected 1 to 100"))
    }

    /// The recording replays into the very same state as the CSV it was converted from, and the
    /// benchmark counts the same day in both formats.
    @Test func convertedRecordingGivesTheSameStateAndCounts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("goog.fsdr").path
        let convert = try RunProcess.run(["convert", "--data", Self.sample, "--out", recording])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.contains("245,259 events (11,678 trades) from 147,916 LOBSTER messages"))
        // The dataset sidecar goes with the recording, so its replays still know their venues.
        let sidecar = directory.appendingPathComponent("goog.meta.json").path
        #expect(FileManager.default.fileExists(atPath: sidecar))
        #expect(convert.stderr.contains("copied the dataset sidecar"))
        let again = try RunProcess.run(["convert", "--data", Self.sample, "--out", recording, "--force"])
        #expect(again.status == 0 && !again.stderr.contains("copied the dataset sidecar"), "one beside it already is kept")

        let fromCSV = try RunProcess.run(["state", "--at", "15:59:59", "--compact"])
        let fromRecording = try RunProcess.run(["state", "--data", recording, "--at", "15:59:59", "--compact"])
        #expect(fromCSV.status == 0 && fromRecording.status == 0)
        #expect(!fromCSV.stdout.isEmpty && fromCSV.stdout == fromRecording.stdout)

        for data in [Self.sample, recording] {
            let bench = try RunProcess.run(["bench", "--data", data, "--runs", "1", "--reading-only", "--json"])
            #expect(bench.status == 0, "\(bench.stderr)")
            let report = try Self.json(bench.stdout)
            #expect(report["events"] as? Int == 245_259)
            #expect(report["messages"] as? Int == 147_916)
            #expect(report["trades"] as? Int == 11_678)
            let features = try #require(report["read_book_features"] as? [String: Any])
            let events = try #require((features["cpu"] as? NSNumber)?.doubleValue)
            let messages = try #require((features["cpu_messages"] as? NSNumber)?.doubleValue)
            #expect(messages > 0 && abs(messages / events - 147_916.0 / 245_259.0) < 1e-9)
        }
    }

    @Test func fullBenchReportsStatesLatenciesAndMemory() throws {
        let bench = try RunProcess.run(["bench", "--runs", "1", "--json"])
        #expect(bench.status == 0, "\(bench.stderr)")
        let report = try Self.json(bench.stdout)
        // A state every 200 ms of data time over 09:30–16:00.
        #expect(report["state_builds"] as? Int == 116_999)
        let p50 = try #require(report["state_p50_ns"] as? Int)
        let p99 = try #require(report["state_p99_ns"] as? Int)
        #expect(p50 > 0 && p99 >= p50)
        let memory = try #require((report["peak_memory_mb"] as? NSNumber)?.doubleValue)
        #expect(memory > 1 && memory < 1024)
    }

    /// The whole `fsd backtest --model rules` path, measured by the bench: messages (the peers'
    /// unit) beside events, the day's wall time and the per-tick latency.
    @Test func benchHasABacktestRow() throws {
        let bench = try RunProcess.run([
            "bench", "--runs", "1", "--json", "--strategy", "strategies/momentum.yaml", "--adv", "2100000",
        ])
        #expect(bench.status == 0, "\(bench.stderr)")
        let report = try Self.json(bench.stdout)
        #expect(report["messages"] as? Int == 147_916)
        #expect(report["backtest_strategy"] as? String == "strategies/momentum.yaml")
        // A tick every 200 ms over 09:30–16:00, every event of the day applied.
        #expect(report["backtest_ticks"] as? Int == 116_999)
        #expect(report["backtest_events"] as? Int == 245_259)
        let messages = try #require((report["backtest_messages_per_second"] as? NSNumber)?.doubleValue)
        let events = try #require((report["backtest_events_per_second"] as? NSNumber)?.doubleValue)
        #expect(messages > 0 && messages <= events)
        #expect(abs(messages / events - 147_916.0 / 245_259.0) < 1e-9)
        let wall = try #require((report["backtest_wall_seconds"] as? NSNumber)?.doubleValue)
        #expect(wall > 0 && wall < 600)
        // The rate is the day's events over the day's wall time.
        #expect(abs(events * wall / 245_259 - 1) < 1e-6)
        let p50 = try #require(report["backtest_tick_p50_ns"] as? Int)
        let p99 = try #require(report["backtest_tick_p99_ns"] as? Int)
        #expect(p50 > 0 && p99 >= p50)
        let row = try #require(report["backtest"] as? [String: Any])
        #expect(((row["cpu_messages"] as? NSNumber)?.doubleValue ?? 0) > 0)

        let text = try RunProcess.run(["bench", "--runs", "1", "--reading-only"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("backtest"))
    }

    @Test func benchHelpTeachesTheBacktestRow() throws {
        let help = try RunProcess.run(["help", "bench"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("backtest (rules)"))
        #expect(help.stdout.contains("backtest_messages_per_second"))
    }
}
