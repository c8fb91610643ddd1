import ArgumentParser
import MarketData

/// `--data`, `--adv` and `--adv-coverage`, for every command that replays a session: the file (the
/// bundled GOOG sample when none is given) and the average daily volume that a replay file does
/// not carry, which its `.meta.json` sidecar may (docs/DATA.md, "Dataset metadata").
struct ReplayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A LOBSTER message file (.csv or .csv.gz, its orderbook file beside it) or an .fsdr recording.",
            discussion: "Default: the bundled GOOG 2012-06-21 level-10 session, \(BundledFile.sample).",
            valueName: "file"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            "Average daily volume in shares (the last 30 sessions), for RVOL_DAY; without it the data's .meta.json sidecar gives it, or RVOL_DAY is null.",
            valueName: "shares"))
    var adv: Int64?

    @Option(
        help: ArgumentHelp(
            "What --adv counts: venue (the same venues as the data, e.g. NASDAQ alone for LOBSTER files) or consolidated (every US venue, as data vendors and IBKR give it); venue silences the single-venue warning.",
            valueName: "venue|consolidated"))
    var advCoverage: ADVCoverage?

    func validate() throws {
        if let adv, adv <= 0 { throw ValidationError("--adv \(adv): expected a positive number of shares") }
        if let advCoverage, adv == nil {
            throw ValidationError("--adv-coverage \(advCoverage.rawValue) says what --adv counts: give --adv SHARES too")
        }
    }

    /// `--data`, or the bundled sample.
    func path() throws(CLIError) -> String {
        if let data { return data }
        return try BundledFile.locate(BundledFile.sample, option: "--data")
    }

    /// The volume RVOL_DAY divides by for the replay of `path`, whose symbol and date are given,
    /// with the sidecar that said so; the note or warning goes to standard error.
    /// - Throws: invalid input for a malformed sidecar or one of another day, a runtime failure for an unreadable one.
    /// - Parameter readsRVOL: false for a strategy no rule of which reads RVOL_DAY: a null one is
    ///   then not worth a note (a warning about a mismatched `--adv` is still given).
    func volume(for path: String, symbol: String, date: SessionDate, readsRVOL: Bool = true) throws(CLIError) -> ReplayVolume {
        let metadata: DatasetMetadata?
        do {
            metadata = try DatasetMetadataLookup.find(
                dataPath: path, symbol: symbol, date: date, fallbackFolders: BundledFile.find(BundledFile.metadata).map { [$0] } ?? [])
        } catch {
            throw CLIError(error)
        }
        let volume = ReplayVolume(adv: adv, coverage: advCoverage, metadata: metadata)
        if let notice = volume.notice, readsRVOL || volume.averageDailyVolume != nil { Console.note(notice) }
        return volume
    }

    /// The same, reading the symbol and date from the file first.
    func volume(for path: String) throws(CLIError) -> ReplayVolume {
        let source: ReplaySource
        do {
            source = try ReplaySource.open(path: path, prefetch: false)
        } catch {
            throw CLIError(error)
        }
        return try volume(for: path, symbol: source.symbol, date: source.sessionDate)
    }
}

/// What an `--adv` figure counts, as the user states it.
enum ADVCoverage: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The same venues as the data's prints.
    case venue
    /// Every US venue (the consolidated tape).
    case consolidated
}
