import ArgumentParser

/// `--data` and `--adv`, for every command that replays a session: the file (the bundled GOOG
/// sample when none is given) and the average daily volume that a replay file does not carry.
struct ReplayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A LOBSTER message file (.csv or .csv.gz, its orderbook file beside it) or an .fsdr recording.",
            discussion: "Default: the bundled GOOG 2012-06-21 level-10 session, \(BundledFile.sample).",
            valueName: "file"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            "Average daily volume in shares (the last 30 sessions), for RVOL_DAY; without it RVOL_DAY is null.",
            valueName: "shares"))
    var adv: Int64?

    func validate() throws {
        if let adv, adv <= 0 { throw ValidationError("--adv \(adv): expected a positive number of shares") }
    }

    /// `--data`, or the bundled sample.
    func path() throws(CLIError) -> String {
        if let data { return data }
        return try BundledFile.locate(BundledFile.sample, option: "--data")
    }

    /// Says on standard error, once, that RVOL_DAY will be null (a rule reading it false).
    func noteMissingVolume() {
        guard adv == nil else { return }
        Console.note(
            "note: RVOL_DAY is null: a replay file carries no average daily volume; pass --adv SHARES "
                + "(the 30-session average, e.g. --adv 2100000 for the bundled GOOG session), or every rule reading "
                + "RVOL_DAY is false")
    }
}
