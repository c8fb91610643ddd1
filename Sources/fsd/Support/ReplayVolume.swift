import Agent
import MarketData

/// The average daily volume a replay's RVOL_DAY divides by, chosen from `--adv`, `--adv-coverage`
/// and the data's sidecar, and what to tell the user about it. RVOL_DAY compares the file's prints
/// with that figure, so both must count the same venues: a LOBSTER file holds NASDAQ's prints, a
/// vendor's ADV every venue's, and the ratio then reads several times too low without a sign.
struct ReplayVolume {
    var dataset: BacktestDataset
    /// A `note:` (which figure, from where) or a `warning:` (the coverage does not match) for
    /// standard error; nil when there is nothing the user does not already know.
    var notice: String?

    var averageDailyVolume: Int64? { dataset.averageDailyVolume }

    init(adv: Int64?, coverage: ADVCoverage?, metadata: DatasetMetadata?) {
        guard let adv else {
            self = Self.fromSidecar(metadata)
            return
        }
        dataset = BacktestDataset(
            metadata: metadata, averageDailyVolume: adv, volumeSource: .option(coverage: coverage?.rawValue))
        // Only a sidecar that says "single venue" makes a mismatch certain enough to warn about.
        guard let metadata, !metadata.consolidated, coverage != .venue else { return }
        let label = metadata.coverageLabel
        let figure = adv.grouped
        let division =
            coverage == .consolidated
            ? "RVOL_DAY divides the \(label) prints of this data (\(metadata.path): \(metadata.venueCoverage)) by a "
                + "consolidated --adv \(figure): it reads too low by roughly \(metadata.venues.joined(separator: "+"))'s share of the "
                + "volume, and a rule such as RVOL_DAY > 1.5 may never pass."
            : "RVOL_DAY divides the \(label) prints of this data (\(metadata.path): \(metadata.venueCoverage)) by --adv \(figure); "
                + "if that is a consolidated figure (every US venue, as data vendors and IBKR give it), RVOL_DAY reads too low by "
                + "roughly \(metadata.venues.joined(separator: "+"))'s share of the volume."
        let own =
            metadata.averageDailyVolume.map {
                " The sidecar's ADV for \(label) volume is \($0.grouped) shares (its adv_basis says how it "
                    + "was made); leave --adv out to use it."
            } ?? " The sidecar gives no ADV for \(label) volume: \(metadata.volumeBasis)"
        let silence =
            coverage == .consolidated ? "" : " Pass --adv-coverage venue if \(figure) counts \(label) volume too."
        notice = "warning: " + division + own + silence
        dataset.caveat =
            coverage == .consolidated
            ? "a consolidated --adv over \(label) prints: RVOL_DAY reads low"
            : "--adv's coverage is not stated and the prints are \(label): RVOL_DAY may read low"
    }

    private init(dataset: BacktestDataset, notice: String) {
        self.dataset = dataset
        self.notice = notice
    }

    /// No `--adv`: the sidecar's figure, or none.
    private static func fromSidecar(_ metadata: DatasetMetadata?) -> ReplayVolume {
        guard let metadata else {
            let notice =
                "note: RVOL_DAY is null: a replay file carries no average daily volume and no .meta.json sidecar gives "
                + "one (docs/DATA.md, \"Dataset metadata\"); pass --adv SHARES, the 30-session average of the venues the "
                + "file holds, or every rule reading RVOL_DAY is false"
            return ReplayVolume(
                dataset: BacktestDataset(metadata: nil, averageDailyVolume: nil, volumeSource: .none), notice: notice)
        }
        guard let shares = metadata.averageDailyVolume else {
            let notice =
                "note: RVOL_DAY is null: a replay file carries no average daily volume and \(metadata.path) gives none "
                + "(\(metadata.volumeBasis)); pass --adv SHARES, the 30-session average of \(metadata.coverageLabel) "
                + "volume, or every rule reading RVOL_DAY is false"
            return ReplayVolume(
                dataset: BacktestDataset(metadata: metadata, averageDailyVolume: nil, volumeSource: .none),
                notice: notice)
        }
        let notice =
            "note: no --adv given: RVOL_DAY divides by \(shares.grouped) shares, the adv_shares of "
            + "\(metadata.path) (\(metadata.venueCoverage)). Its basis: \(metadata.volumeBasis)"
        return ReplayVolume(
            dataset: BacktestDataset(metadata: metadata, averageDailyVolume: shares, volumeSource: .metadata),
            notice: notice)
    }
}
