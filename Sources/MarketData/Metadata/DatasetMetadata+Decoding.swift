import Foundation

extension DatasetMetadata {
    /// Far above any honest sidecar (a few hundred bytes): a larger file is some other file.
    static let maximumBytes = 64 * 1024

    /// Reads and checks the sidecar at `path`.
    /// - Throws: `ReplayError`, unreadable when the file cannot be read, invalid data for anything
    ///   wrong inside it (the key, what was expected and what was found).
    public static func read(path: String) throws(ReplayError) -> DatasetMetadata {
        try decode(try readBytes(path), path: path)
    }

    /// Decodes a sidecar's bytes; `path` names it in errors.
    /// - Throws: `ReplayError` (invalid data) naming the key, what was expected and what was found.
    public static func decode(_ bytes: [UInt8], path: String) throws(ReplayError) -> DatasetMetadata {
        let fields = try MetadataFields(json: bytes, path: path)
        try fields.refuseUnknownKeys(allowed: keys)
        let symbol = try fields.string("symbol", expected: "the ticker as a string, e.g. \"GOOG\"")
        guard (1...64).contains(symbol.utf8.count), symbol.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw fields.wrong(
                "symbol", expected: "a ticker of 1 to 64 printable ASCII characters without spaces", found: symbol)
        }
        let dateText = try fields.string("date", expected: "the session date as a string, e.g. \"2012-06-21\"")
        guard let date = SessionDate(iso: dateText) else {
            throw fields.wrong(
                "date", expected: "a calendar day written YYYY-MM-DD, e.g. \"2012-06-21\"", found: dateText)
        }
        let coverage = try fields.string(
            "venue_coverage",
            expected: "a sentence saying whose prints the file holds, e.g. \"NASDAQ TotalView-ITCH only (LOBSTER)\"")
        let venues = try fields.strings("venues", expected: "an array of venue names, e.g. [\"NASDAQ\"]")
        let consolidated = try fields.bool(
            "consolidated", expected: "true (the prints are every US venue's) or false (some venues only)")
        if !consolidated && venues.isEmpty {
            throw fields.problem(
                "venues", "expected at least one venue name when consolidated is false, found an empty array")
        }
        let volume = try fields.shares("adv_shares")
        let basis = try fields.string(
            "adv_basis", expected: "a sentence saying where adv_shares comes from, or why it is null")
        let tickSize = try Self.tickSize(fields)
        let source = try fields.string("source", expected: "a sentence saying where the data comes from")
        return DatasetMetadata(
            path: path, symbol: symbol, date: date, venueCoverage: coverage, venues: venues, consolidated: consolidated,
            averageDailyVolume: volume, volumeBasis: basis, tickSize: tickSize, source: source)
    }

    /// Checks that the sidecar describes the data it was found for (a copied or renamed sidecar
    /// would otherwise lend one day's volume to another).
    /// - Throws: `ReplayError` (invalid data) at the key that disagrees.
    public func check(symbol dataSymbol: String, date dataDate: SessionDate, dataPath: String) throws(ReplayError) {
        if symbol != dataSymbol {
            throw ReplayError(
                .invalidData, path: path,
                message: "key 'symbol': \"\(symbol)\" contradicts the data file \(dataPath), which holds \(dataSymbol)")
        }
        if date != dataDate {
            throw ReplayError(
                .invalidData, path: path,
                message: "key 'date': \"\(date)\" contradicts the data file \(dataPath), which holds \(dataDate)")
        }
    }

    /// A string, so that `0.01` reaches `Price` exactly rather than through a `Double`.
    private static func tickSize(_ fields: MetadataFields) throws(ReplayError) -> Price {
        let expected = "a positive decimal string of at most 4 decimals, e.g. \"0.01\""
        let text = try fields.string(
            "tick_size", expected: expected, numberAdvice: " (write it as a string so it stays exact)")
        let plain = text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
        }
        guard plain, let price = Price(parsing: text), price > .zero else {
            throw fields.wrong("tick_size", expected: expected, found: text)
        }
        return price
    }

    private static func readBytes(_ path: String) throws(ReplayError) -> [UInt8] {
        do {
            let file = try PosixFile.openForReading(path, what: "metadata sidecar")
            defer { file.close() }
            var bytes = [UInt8](repeating: 0, count: maximumBytes + 1)
            let count = try bytes.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return try file.readFully(into: base, count: raw.count)
            }
            guard count <= maximumBytes else {
                throw ReplayError(
                    .invalidData, path: path,
                    message:
                        "the metadata sidecar is larger than \(maximumBytes) bytes; a sidecar is one small JSON object")
            }
            return Array(bytes[..<count])
        } catch let error as ReplayError {
            throw error
        } catch {
            throw ReplayError(.unreadable, path: path, message: "cannot read the metadata sidecar: \(error)")
        }
    }
}
