import Foundation
import Testing

@testable import MarketData

/// The `.meta.json` sidecar: what a good one says, the exact error for each bad one, and where it is looked for.
@Suite struct DatasetMetadataTests {
    /// A good sidecar's members, raw JSON, in the documented order.
    static let good: [(String, String)] = [
        ("symbol", "\"GOOG\""), ("date", "\"2012-06-21\""),
        ("venue_coverage", "\"NASDAQ TotalView-ITCH only (LOBSTER)\""),
        ("venues", "[\"NASDAQ\"]"), ("consolidated", "false"), ("adv_shares", "706125"), ("adv_basis", "\"one day\""),
        ("tick_size", "\"0.01\""), ("source", "\"LOBSTER\""),
    ]

    /// The good sidecar with `changes` applied: a raw value replaces a key's, nil removes it, a new key is appended.
    static func sidecar(_ changes: [String: String?] = [:]) -> String {
        var members = good.compactMap { key, value -> String? in
            guard let change = changes[key] else { return "  \"\(key)\": \(value)" }
            return change.map { "  \"\(key)\": \($0)" }
        }
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) where !good.contains(where: { $0.0 == key }) {
            if let value { members.append("  \"\(key)\": \(value)") }
        }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    private func decode(_ text: String) throws -> DatasetMetadata {
        try DatasetMetadata.decode(Array(text.utf8), path: "x.meta.json")
    }

    @Test func aGoodSidecarDecodesEveryField() throws {
        let metadata = try decode(Self.sidecar())
        #expect(metadata.path == "x.meta.json")
        #expect(metadata.symbol == "GOOG")
        #expect(metadata.date == SessionDate(year: 2012, month: 6, day: 21))
        #expect(metadata.venueCoverage == "NASDAQ TotalView-ITCH only (LOBSTER)")
        #expect(metadata.venues == ["NASDAQ"])
        #expect(metadata.consolidated == false)
        #expect(metadata.averageDailyVolume == 706_125)
        #expect(metadata.volumeBasis == "one day")
        #expect(metadata.tickSize == Price.cent)
        #expect(metadata.source == "LOBSTER")
        #expect(metadata.coverageLabel == "NASDAQ-only")
    }

    @Test func anUnknownVolumeIsNullAndAConsolidatedTapeNeedsNoVenues() throws {
        let metadata = try decode(Self.sidecar(["adv_shares": "null", "consolidated": "true", "venues": "[]"]))
        #expect(metadata.averageDailyVolume == nil)
        #expect(metadata.consolidated)
        #expect(metadata.venues.isEmpty)
        #expect(metadata.coverageLabel == "consolidated")
        #expect(try decode(Self.sidecar(["tick_size": "\"0.0001\""])).tickSize == Price(raw: 1))
    }

    static let badValues: [(change: [String: String?], message: String)] = [
        (
            ["adv": "1"],
            "unknown key 'adv': a sidecar has exactly the keys symbol, date, venue_coverage, venues, consolidated, "
                + "adv_shares, adv_basis, tick_size, source"
        ),
        (
            ["adv_shares": nil],
            "missing key 'adv_shares': expected a positive whole number of shares, or null when unknown"
        ),
        (["symbol": "3"], "key 'symbol': expected the ticker as a string, e.g. \"GOOG\", found the number 3"),
        (
            ["symbol": "\"GO OG\""],
            "key 'symbol': expected a ticker of 1 to 64 printable ASCII characters without spaces, found the string \"GO OG\""
        ),
        (
            ["date": "\"2012-06-31\""],
            "key 'date': expected a calendar day written YYYY-MM-DD, e.g. \"2012-06-21\", found the string \"2012-06-31\""
        ),
        (
            ["date": "\"21/06/2012\""],
            "key 'date': expected a calendar day written YYYY-MM-DD, e.g. \"2012-06-21\", found the string \"21/06/2012\""
        ),
        (
            ["venue_coverage": "\" \""],
            "key 'venue_coverage': expected a sentence saying whose prints the file holds, e.g. "
                + "\"NASDAQ TotalView-ITCH only (LOBSTER)\", found an empty string"
        ),
        (
            ["venues": "\"NASDAQ\""],
            "key 'venues': expected an array of venue names, e.g. [\"NASDAQ\"], found the string \"NASDAQ\""
        ),
        (
            ["venues": "[\"NASDAQ\", 3]"],
            "key 'venues[1]': expected a venue name (a non-empty string), found the number 3"
        ),
        (["venues": "[\"\"]"], "key 'venues[0]': expected a venue name (a non-empty string), found an empty string"),
        (
            ["venues": "[]"],
            "key 'venues': expected at least one venue name when consolidated is false, found an empty array"
        ),
        (
            ["consolidated": "\"false\""],
            "key 'consolidated': expected true (the prints are every US venue's) or false (some venues only), "
                + "found the string \"false\""
        ),
        (
            ["consolidated": "0"],
            "key 'consolidated': expected true (the prints are every US venue's) or false (some venues only), found the number 0"
        ),
        (
            ["adv_shares": "\"1.2M\""],
            "key 'adv_shares': expected a positive whole number of shares, or null when unknown, found the string \"1.2M\""
        ),
        (
            ["adv_shares": "1.5"],
            "key 'adv_shares': expected a positive whole number of shares, or null when unknown "
                + "(1 to 1,000,000,000,000), found the number 1.5"
        ),
        (
            ["adv_shares": "0"],
            "key 'adv_shares': expected a positive whole number of shares, or null when unknown "
                + "(1 to 1,000,000,000,000), found the number 0"
        ),
        (
            ["adv_shares": "true"],
            "key 'adv_shares': expected a positive whole number of shares, or null when unknown, found true"
        ),
        (
            ["adv_basis": "null"],
            "key 'adv_basis': expected a sentence saying where adv_shares comes from, or why it is null, found null"
        ),
        (
            ["tick_size": "0.01"],
            "key 'tick_size': expected a positive decimal string of at most 4 decimals, e.g. \"0.01\", "
                + "found the number 0.01 (write it as a string so it stays exact)"
        ),
        (
            ["tick_size": "\"0.00001\""],
            "key 'tick_size': expected a positive decimal string of at most 4 decimals, e.g. \"0.01\", "
                + "found the string \"0.00001\""
        ),
        (
            ["tick_size": "\"-0.01\""],
            "key 'tick_size': expected a positive decimal string of at most 4 decimals, e.g. \"0.01\", "
                + "found the string \"-0.01\""
        ),
        (
            ["source": "\"\""],
            "key 'source': expected a sentence saying where the data comes from, found an empty string"
        ),
        (["source": "{}"], "key 'source': expected a sentence saying where the data comes from, found an object"),
    ]

    @Test(arguments: badValues.indices)
    func aBadValueIsAnErrorAtItsKey(index: Int) {
        let (change, message) = Self.badValues[index]
        let error = #expect(throws: ReplayError.self) { try decode(Self.sidecar(change)) }
        #expect(error?.description == "x.meta.json: error: " + message)
        #expect(error?.kind == .invalidData)
    }

    @Test func notJSONIsAnErrorAtItsLineAndColumn() {
        let error = #expect(throws: ReplayError.self) { try decode("{\n  \"symbol\": \"GOOG\",\n  \"date\": x\n}\n") }
        #expect(error?.description == "x.meta.json:3:11: error: not valid JSON: Invalid value")
    }

    @Test func anEmptyFileOrAnotherValueIsNotASidecar() {
        let keys = "symbol, date, venue_coverage, venues, consolidated, adv_shares, adv_basis, tick_size, source"
        let empty = #expect(throws: ReplayError.self) { try decode(" \n") }
        #expect(
            empty?.description
                == "x.meta.json: error: the file is empty: expected one JSON object with the keys \(keys)")
        let array = #expect(throws: ReplayError.self) { try decode("[1]") }
        #expect(
            array?.description == "x.meta.json: error: expected one JSON object with the keys \(keys), found an array")
    }

    @Test func aHugeOrMissingFileIsRefusedWithoutReadingItAll() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let huge = try files.write("huge.meta.json", String(repeating: " ", count: 70_000) + Self.sidecar())
        let tooBig = #expect(throws: ReplayError.self) { try DatasetMetadata.read(path: huge) }
        #expect(
            tooBig?.description
                == "\(huge): error: the metadata sidecar is larger than 65536 bytes; a sidecar is one small JSON object"
        )
        let missing = #expect(throws: ReplayError.self) { try DatasetMetadata.read(path: files.path("none.meta.json")) }
        #expect(missing?.kind == .unreadable)
        #expect(
            missing?.description.hasPrefix("\(files.path("none.meta.json")): error: cannot open the metadata sidecar")
                == true)
    }

    // MARK: - Where it is looked for

    static let day = SessionDate(year: 2012, month: 6, day: 21)

    @Test func theSidecarNameDropsTheDataFilesEndings() {
        #expect(
            DatasetMetadataLookup.sidecarName(forDataFile: "GOOG_2012-06-21_34200000_57600000_message_10.csv.gz")
                == "GOOG_2012-06-21_34200000_57600000_message_10.meta.json")
        #expect(DatasetMetadataLookup.sidecarName(forDataFile: "x_message_1.csv") == "x_message_1.meta.json")
        #expect(DatasetMetadataLookup.sidecarName(forDataFile: "day.fsdr") == "day.meta.json")
        #expect(DatasetMetadataLookup.sidecarName(forDataFile: "day.bin") == "day.bin.meta.json")
        #expect(DatasetMetadataLookup.dayName(symbol: "GOOG", date: Self.day) == "GOOG_2012-06-21.meta.json")
        #expect(DatasetMetadataLookup.dayName(symbol: "../x", date: Self.day) == nil)
    }

    @Test func theOrderIsTheFilesOwnThenTheDaysThenEachFallback() {
        let paths = DatasetMetadataLookup.candidates(
            dataPath: "in/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz", symbol: "GOOG", date: Self.day,
            fallbackFolders: ["data/meta", "/other/"])
        #expect(
            paths == [
                "in/GOOG_2012-06-21_34200000_57600000_message_10.meta.json", "in/GOOG_2012-06-21.meta.json",
                "data/meta/GOOG_2012-06-21.meta.json", "/other/GOOG_2012-06-21.meta.json",
            ])
        // A recording named after its day: its own sidecar is the day's, tried once.
        #expect(
            DatasetMetadataLookup.candidates(dataPath: "GOOG_2012-06-21.fsdr", symbol: "GOOG", date: Self.day)
                == ["GOOG_2012-06-21.meta.json"])
    }

    @Test func theFirstSidecarThatExistsIsTheOneRead() throws {
        let files = try TestFiles()
        defer { files.remove() }
        try FileManager.default.createDirectory(atPath: files.path("meta"), withIntermediateDirectories: true)
        let data = files.path("day.fsdr")
        func find() throws -> DatasetMetadata? {
            try DatasetMetadataLookup.find(
                dataPath: data, symbol: "GOOG", date: Self.day, fallbackFolders: [files.path("meta")])
        }
        #expect(try find() == nil)
        try files.write("meta/GOOG_2012-06-21.meta.json", Self.sidecar(["source": "\"fallback\""]))
        #expect(try find()?.source == "fallback")
        try files.write("GOOG_2012-06-21.meta.json", Self.sidecar(["source": "\"day\""]))
        #expect(try find()?.source == "day")
        try files.write("day.meta.json", Self.sidecar(["source": "\"own\""]))
        #expect(try find()?.path == files.path("day.meta.json"))
        #expect(try find()?.source == "own")
        // A bad sidecar is an error, never skipped for the next one.
        try files.write("day.meta.json", Self.sidecar(["tick_size": "1"]))
        #expect(throws: ReplayError.self) { try find() }
    }

    @Test func aSidecarOfAnotherSymbolOrDayIsRefused() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let data = files.path("day.fsdr")
        let own = try files.write("day.meta.json", Self.sidecar(["symbol": "\"AMZN\""]))
        let symbol = #expect(throws: ReplayError.self) {
            try DatasetMetadataLookup.find(dataPath: data, symbol: "GOOG", date: Self.day)
        }
        #expect(
            symbol?.description
                == "\(own): error: key 'symbol': \"AMZN\" contradicts the data file \(data), which holds GOOG")
        try files.write("day.meta.json", Self.sidecar(["date": "\"2012-06-22\""]))
        let date = #expect(throws: ReplayError.self) {
            try DatasetMetadataLookup.find(dataPath: data, symbol: "GOOG", date: Self.day)
        }
        #expect(
            date?.description
                == "\(own): error: key 'date': \"2012-06-22\" contradicts the data file \(data), which holds 2012-06-21"
        )
    }

    // MARK: - The repository's sidecars

    static let metaFolder = TestFiles.repositoryRoot + "/data/meta"

    /// Σ size of every trade the reader makes from `path`: for LOBSTER, the visible and hidden executions (types 4 and 5).
    static func volume(of path: String) throws -> Int64 {
        let source = try ReplaySource.open(path: path)
        var total: Int64 = 0
        while let event = try source.next() {
            if case .trade(let trade) = event.event { total += trade.size }
        }
        return total
    }

    @Test func theBundledSamplesSidecarIsBesideItAndNamesTheDaysVolumeWithoutUsingIt() throws {
        let metadata = try #require(
            try DatasetMetadataLookup.find(
                dataPath: TestFiles.sampleMessages, symbol: "GOOG", date: Self.day, fallbackFolders: [Self.metaFolder]))
        #expect(metadata.path.hasSuffix("data/sample/GOOG_2012-06-21_34200000_57600000_message_10.meta.json"))
        #expect(metadata.venues == ["NASDAQ"])
        #expect(!metadata.consolidated)
        #expect(metadata.tickSize == Price.cent)
        // One day cannot give a 30-session average, and its own total would look ahead: null.
        #expect(metadata.averageDailyVolume == nil)
        #expect(try Self.volume(of: TestFiles.sampleMessages) == 706_125)
        #expect(metadata.volumeBasis.contains("The day's own NASDAQ volume is 706,125 shares"))
        #expect(metadata.volumeBasis.contains("a look-ahead no backtest should take by default"))
        // The same day as data/meta's GOOG, which serves the shared files: one text for both.
        let day = try DatasetMetadata.read(path: Self.metaFolder + "/GOOG_2012-06-21.meta.json")
        #expect(day.averageDailyVolume == nil)
        #expect(day.volumeBasis.contains("The day's own NASDAQ volume is 706,125 shares"))
    }

    static let sharedDays: [(file: String, shares: Int64)] = [
        ("GOOG_2012-06-21_34200000_57600000_message_1.csv.gz", 706_125),
        ("GOOG_2012-06-21_34200000_57600000_message_5.csv.gz", 706_125),
        ("GOOG_2012-06-21_34200000_57600000_message_10.csv.gz", 706_125),
        ("AMZN_2012-06-21_34200000_57600000_message_1.csv.gz", 810_755),
        ("AMZN_2012-06-21_34200000_57600000_message_5.csv.gz", 810_755),
        ("AAPL_2012-06-21_34200000_57600000_message_1.csv.gz", 2_850_140),
    ]

    @Test(
        .enabled(if: TestFiles.sharedLobster(sharedDays[0].file) != nil, "../shared/data/lobster is absent"),
        arguments: sharedDays)
    func aSharedDaysSidecarComesFromDataMetaAndNamesTheFilesOwnVolume(file: String, shares: Int64) throws {
        let path = try #require(TestFiles.sharedLobster(file))
        let source = try ReplaySource.open(path: path, prefetch: false)
        let metadata = try #require(
            try DatasetMetadataLookup.find(
                dataPath: path, symbol: source.symbol, date: source.sessionDate, fallbackFolders: [Self.metaFolder]))
        #expect(metadata.path == Self.metaFolder + "/\(source.symbol)_2012-06-21.meta.json")
        #expect(metadata.averageDailyVolume == nil)
        #expect(metadata.volumeBasis.contains("The day's own NASDAQ volume is " + shares.grouped + " shares"))
        #expect(try Self.volume(of: path) == shares)
    }
}
