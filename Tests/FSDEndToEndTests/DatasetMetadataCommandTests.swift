import Foundation
import Testing

/// The `.meta.json` sidecars as the commands use them (#13 item 6): why RVOL_DAY is null on the
/// bundled sample without --adv, a sidecar's own figure when it has one, the warning when --adv
/// meets NASDAQ-only prints, --adv-coverage, the backtest's
/// Data line and dataset object, and a bad sidecar's error.
@Suite struct DatasetMetadataCommandTests {
    static let sample = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
    static let sampleMeta = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.meta.json"
    static let strategy = "strategies/momentum.yaml"

    private static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    private static func rvol(_ outcome: RunProcess.Outcome) throws -> Any? {
        let market = try #require(try json(outcome.stdout)["MARKET_STATE"] as? [String: Any], "\(outcome.stderr)")
        return market["RVOL_DAY"] ?? nil
    }

    /// The sample's pair in a fresh folder under another name (copies: a link would resolve to GOOG's
    /// name, which the pair check compares), so no sidecar of the repository applies to it.
    private static func unknownDay() throws -> (folder: URL, messages: String) {
        let folder = try RunProcess.temporaryFolder()
        let root = RunProcess.repositoryRoot
        for kind in ["message", "orderbook"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("data/sample/GOOG_2012-06-21_34200000_57600000_\(kind)_10.csv.gz"),
                to: folder.appendingPathComponent("XGOO_2012-06-21_34200000_57600000_\(kind)_10.csv.gz"))
        }
        return (folder, folder.appendingPathComponent("XGOO_2012-06-21_34200000_57600000_message_10.csv.gz").path)
    }

    @Test func withoutADVTheSamplesSidecarSaysWhyRVOLIsNull() throws {
        let outcome = try RunProcess.run(["state", "--at", "16:00:00", "--compact"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // One day holds no 30-session average, and its own total would look ahead: no figure.
        #expect(try Self.rvol(outcome) is NSNull)
        #expect(
            outcome.stderr.contains(
                "note: RVOL_DAY is null: a replay file carries no average daily volume and \(Self.sampleMeta) gives none "
                    + "(Unknown: LOBSTER's free sample is this single day"),
            "\(outcome.stderr)")
        #expect(outcome.stderr.contains("The day's own NASDAQ volume is 706,125 shares"))
        #expect(!outcome.stderr.contains("warning:"))
    }

    @Test func anADVOnNASDAQOnlyPrintsWarnsUnlessItIsSaidToCountTheSameVenues() throws {
        let unstated = try RunProcess.run(["state", "--at", "12:00:00", "--compact", "--adv", "2100000"])
        #expect(unstated.status == 0, "\(unstated.stderr)")
        #expect(
            unstated.stderr.contains(
                "warning: RVOL_DAY divides the NASDAQ-only prints of this data (\(Self.sampleMeta): NASDAQ TotalView-ITCH "
                    + "only (LOBSTER)) by --adv 2,100,000; if that is a consolidated figure (every US venue, as data vendors "
                    + "and IBKR give it), RVOL_DAY reads too low by roughly NASDAQ's share of the volume. The sidecar gives "
                    + "no ADV for NASDAQ-only volume: Unknown: LOBSTER's free sample is this single day"),
            "\(unstated.stderr)")
        #expect(unstated.stderr.contains("Pass --adv-coverage venue if 2,100,000 counts NASDAQ-only volume too."))
        let consolidated = try RunProcess.run([
            "state", "--at", "12:00:00", "--compact", "--adv", "2100000", "--adv-coverage", "consolidated",
        ])
        #expect(consolidated.status == 0, "\(consolidated.stderr)")
        #expect(consolidated.stderr.contains("by a consolidated --adv 2,100,000: it reads too low"))
        #expect(!consolidated.stderr.contains("Pass --adv-coverage venue"))
        let venue = try RunProcess.run([
            "state", "--at", "12:00:00", "--compact", "--adv", "2100000", "--adv-coverage", "venue",
        ])
        #expect(venue.status == 0, "\(venue.stderr)")
        #expect(!venue.stderr.contains("warning:"))
        #expect(!venue.stderr.contains("note:"))
        // The figure is --adv's either way: the option only says what it counts.
        let withVenue = try Self.rvol(venue) as? NSNumber
        let withUnstated = try Self.rvol(unstated) as? NSNumber
        #expect(withVenue != nil && withVenue == withUnstated)
    }

    @Test func theBacktestSummarySaysWhichDataAndWhichADV() throws {
        let text = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--no-journal", "--to", "09:45",
        ])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.components(separatedBy: "\n").contains(
                "Data: NASDAQ TotalView-ITCH only (LOBSTER); no ADV, RVOL_DAY null"))
        #expect(text.stderr.contains("note: RVOL_DAY is null: a replay file carries no average daily volume and \(Self.sampleMeta) gives none"))
        // A strategy no rule of which reads RVOL_DAY is not told about it.
        let eager = try RunProcess.run([
            "backtest", "--strategy", RunProcess.fixtures.appendingPathComponent("eager.yaml").path, "--model", "rules",
            "--no-journal", "--to", "09:31",
        ])
        #expect(eager.status == 0 && !eager.stderr.contains("RVOL_DAY is null"), "\(eager.stderr)")

        let json = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--no-journal", "--to", "09:45", "--json",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let dataset = try #require(try Self.json(json.stdout)["dataset"] as? [String: Any])
        #expect(dataset["metadata"] as? String == Self.sampleMeta)
        #expect(dataset["venue_coverage"] as? String == "NASDAQ TotalView-ITCH only (LOBSTER)")
        #expect(dataset["venues"] as? [String] == ["NASDAQ"])
        #expect(dataset["consolidated"] as? Bool == false)
        #expect((dataset["tick_size"] as? NSNumber)?.doubleValue == 0.01)
        #expect(dataset["adv_shares"] is NSNull)
        #expect(dataset["adv_source"] is NSNull)
        #expect((dataset["adv_basis"] as? String)?.contains("a look-ahead no backtest should take by default") == true)
        #expect(dataset["warning"] is NSNull)
    }

    @Test func aBacktestWithAConsolidatedADVCarriesTheWarning() throws {
        let warned = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--no-journal", "--to", "09:45", "--adv",
            "2100000",
        ])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("warning: RVOL_DAY divides the NASDAQ-only prints of this data"))
        #expect(
            warned.stdout.contains(
                "Data: NASDAQ TotalView-ITCH only (LOBSTER); ADV 2,100,000 from --adv; warning: --adv's coverage is not "
                    + "stated and the prints are NASDAQ-only: RVOL_DAY may read low"))

        let silenced = try RunProcess.run([
            "backtest", "--strategy", Self.strategy, "--model", "rules", "--no-journal", "--to", "09:45", "--adv",
            "2100000",
            "--adv-coverage", "venue", "--json",
        ])
        #expect(silenced.status == 0, "\(silenced.stderr)")
        #expect(!silenced.stderr.contains("warning:"))
        let dataset = try #require(try Self.json(silenced.stdout)["dataset"] as? [String: Any])
        #expect(dataset["adv_shares"] as? Int == 2_100_000)
        #expect(dataset["adv_source"] as? String == "--adv")
        #expect(dataset["adv_coverage"] as? String == "venue")
        #expect(dataset["adv_basis"] is NSNull)
        #expect(dataset["warning"] is NSNull)
    }

    @Test(arguments: ["state", "backtest", "bench", "model check", "run"])
    func adVCoverageWithoutADVIsAnError(command: String) throws {
        var arguments = command.split(separator: " ").map(String.init) + ["--adv-coverage", "venue"]
        if command != "state" && command != "bench" { arguments += ["--strategy", Self.strategy] }
        if command == "state" { arguments += ["--at", "10:00:00"] }
        let outcome = try RunProcess.run(arguments)
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains("--adv-coverage venue says what --adv counts: give --adv SHARES too"),
            "\(outcome.stderr)")
    }

    @Test func aRecordingFindsItsDaysSidecarInDataMeta() throws {
        let folder = try RunProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recording = folder.appendingPathComponent("day.fsdr").path
        let convert = try RunProcess.run(["convert", "--data", Self.sample, "--out", recording, "--quiet"])
        #expect(convert.status == 0, "\(convert.stderr)")
        // convert took the sample's sidecar along; without it the day's in data/meta is found.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("day.meta.json"))
        let outcome = try RunProcess.run(["state", "--data", recording, "--at", "16:00:00", "--compact"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("data/meta/GOOG_2012-06-21.meta.json gives none"), "\(outcome.stderr)")
        #expect(try Self.rvol(outcome) is NSNull)
        // Its own sidecar, x.fsdr → x.meta.json, comes first.
        let text = try String(
            contentsOfFile: RunProcess.repositoryRoot.appendingPathComponent(Self.sampleMeta).path, encoding: .utf8)
        let own = folder.appendingPathComponent("day.meta.json").path
        try text.replacingOccurrences(of: "\"adv_shares\": null", with: "\"adv_shares\": 353062")
            .write(toFile: own, atomically: true, encoding: .utf8)
        let mine = try RunProcess.run(["state", "--data", recording, "--at", "16:00:00", "--compact"])
        #expect(mine.stderr.contains("RVOL_DAY divides by 353,062 shares, the adv_shares of \(own)"), "\(mine.stderr)")
    }

    @Test func withoutASidecarOrWithANullADVRVOLIsNullAndTheNoteSaysWhy() throws {
        let (folder, messages) = try Self.unknownDay()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = try RunProcess.run(["state", "--data", messages, "--at", "12:00:00", "--compact"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(try Self.rvol(none) is NSNull)
        #expect(
            none.stderr.contains(
                "note: RVOL_DAY is null: a replay file carries no average daily volume and no .meta.json sidecar gives one"
            ))
        let day = folder.appendingPathComponent("XGOO_2012-06-21.meta.json").path
        try DatasetMetadataCommandTests.sidecar(symbol: "XGOO", adv: "null", basis: "no average is known for XGOO")
            .write(toFile: day, atomically: true, encoding: .utf8)
        let null = try RunProcess.run(["state", "--data", messages, "--at", "12:00:00", "--compact"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(try Self.rvol(null) is NSNull)
        #expect(
            null.stderr.contains(
                "note: RVOL_DAY is null: a replay file carries no average daily volume and \(day) gives none (no average is "
                    + "known for XGOO); pass --adv SHARES, the 30-session average of NASDAQ-only volume"))
    }

    @Test func aBadSidecarStopsTheReplayWithItsPathAndKey() throws {
        let (folder, messages) = try Self.unknownDay()
        defer { try? FileManager.default.removeItem(at: folder) }
        let own = folder.appendingPathComponent("XGOO_2012-06-21_34200000_57600000_message_10.meta.json").path
        try DatasetMetadataCommandTests.sidecar(symbol: "GOOG", adv: "1", basis: "x")
            .write(toFile: own, atomically: true, encoding: .utf8)
        for arguments in [
            ["state", "--data", messages, "--at", "12:00:00"],
            ["backtest", "--strategy", Self.strategy, "--model", "rules", "--no-journal", "--data", messages],
        ] {
            let outcome = try RunProcess.run(arguments)
            #expect(outcome.status == 1)
            #expect(
                outcome.stderr
                    == "\(own): error: key 'symbol': \"GOOG\" contradicts the data file \(messages), which holds XGOO\n"
            )
        }
        try DatasetMetadataCommandTests.sidecar(symbol: "XGOO", adv: "\"lots\"", basis: "x")
            .write(toFile: own, atomically: true, encoding: .utf8)
        let outcome = try RunProcess.run(["state", "--data", messages, "--at", "12:00:00"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr
                == "\(own): error: key 'adv_shares': expected a positive whole number of shares, or null when unknown, "
                + "found the string \"lots\"\n")
    }

    static func sidecar(symbol: String, adv: String, basis: String) -> String {
        """
        {
          "symbol": "\(symbol)",
          "date": "2012-06-21",
          "venue_coverage": "NASDAQ TotalView-ITCH only (LOBSTER)",
          "venues": ["NASDAQ"],
          "consolidated": false,
          "adv_shares": \(adv),
          "adv_basis": "\(basis)",
          "tick_size": "0.01",
          "source": "a copy of the bundled GOOG sample under another name, for tests"
        }

        """
    }
}
