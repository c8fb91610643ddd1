/// Where the sidecar of a replay file is, in this order (docs/DATA.md, "Dataset metadata"); the
/// first file that exists is the one read, and a bad one is an error, never skipped:
///
/// 1. beside the file, its own: `GOOG_2012-06-21_34200000_57600000_message_10.csv.gz` →
///    `GOOG_2012-06-21_34200000_57600000_message_10.meta.json`, `day.fsdr` → `day.meta.json`;
/// 2. beside the file, the day's: `GOOG_2012-06-21.meta.json`, shared by every file of that
///    symbol and session (the message levels of one day, a recording converted from them);
/// 3. the same day's name in each fallback folder (the repository's `data/meta`, for data kept
///    outside the repository such as `../shared/data/lobster`).
///
/// The symbol and date are the data's own (a LOBSTER name's, a recording header's), and the
/// sidecar found must state the same ones.
public enum DatasetMetadataLookup {
    public static let suffix = ".meta.json"

    /// The data file's name without one `.gz` and then one `.csv` or `.fsdr`, plus `.meta.json`.
    public static func sidecarName(forDataFile name: String) -> String {
        var stem = Substring(name)
        if stem.hasSuffix(".gz") { stem = stem.dropLast(3) }
        for ending in [".csv", ".fsdr"] where stem.hasSuffix(ending) {
            stem = stem.dropLast(ending.count)
            break
        }
        return String(stem) + suffix
    }

    /// `GOOG_2012-06-21.meta.json`; nil for a symbol that could name another folder (`/`, `..`).
    public static func dayName(symbol: String, date: SessionDate) -> String? {
        guard !symbol.isEmpty, !symbol.contains("/"), symbol != ".", symbol != ".." else { return nil }
        return "\(symbol)_\(date)\(suffix)"
    }

    /// The paths tried, in order, without repeats.
    public static func candidates(
        dataPath: String, symbol: String, date: SessionDate, fallbackFolders: [String] = []
    ) -> [String] {
        let slash = dataPath.lastIndex(of: "/")
        let folder = slash.map { String(dataPath[...$0]) } ?? ""
        let name = slash.map { String(dataPath[dataPath.index(after: $0)...]) } ?? dataPath
        var paths = [folder + sidecarName(forDataFile: name)]
        if let day = dayName(symbol: symbol, date: date) {
            paths.append(folder + day)
            for fallback in fallbackFolders {
                paths.append(fallback.hasSuffix("/") ? fallback + day : fallback + "/" + day)
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The first sidecar of `candidates` that exists, read and checked against the data; nil when none exists.
    /// - Throws: `ReplayError` when that sidecar cannot be read, is malformed, or describes another symbol or day.
    public static func find(
        dataPath: String, symbol: String, date: SessionDate, fallbackFolders: [String] = []
    ) throws(ReplayError) -> DatasetMetadata? {
        let paths = candidates(dataPath: dataPath, symbol: symbol, date: date, fallbackFolders: fallbackFolders)
        guard let path = paths.first(where: PosixFile.exists) else { return nil }
        let metadata = try DatasetMetadata.read(path: path)
        try metadata.check(symbol: symbol, date: date, dataPath: dataPath)
        return metadata
    }
}
