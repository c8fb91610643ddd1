/// What a replay file cannot say about itself, read from its `.meta.json` sidecar (docs/DATA.md,
/// "Dataset metadata"): which venues' prints it holds, the average daily volume for exactly that
/// coverage, and the tick size. A LOBSTER file holds NASDAQ's prints only, so an average daily
/// volume from a data vendor (consolidated, every US venue) makes RVOL_DAY read several times too
/// low; the sidecar is where the file says so.
public struct DatasetMetadata: Hashable, Sendable {
    /// The sidecar file this was read from.
    public var path: String
    public var symbol: String
    public var date: SessionDate
    /// For people: `NASDAQ TotalView-ITCH only (LOBSTER)`.
    public var venueCoverage: String
    /// For programs: the venues whose prints the file holds; empty only when `consolidated`.
    public var venues: [String]
    /// True when the prints are the consolidated tape (every US venue).
    public var consolidated: Bool
    /// The average daily volume of the same coverage as the prints, in shares; nil when unknown.
    public var averageDailyVolume: Int64?
    /// Where `averageDailyVolume` comes from (or why there is none), in a sentence.
    public var volumeBasis: String
    public var tickSize: Price
    /// Where the data itself comes from.
    public var source: String

    public init(
        path: String, symbol: String, date: SessionDate, venueCoverage: String, venues: [String], consolidated: Bool,
        averageDailyVolume: Int64?, volumeBasis: String, tickSize: Price, source: String
    ) {
        self.path = path
        self.symbol = symbol
        self.date = date
        self.venueCoverage = venueCoverage
        self.venues = venues
        self.consolidated = consolidated
        self.averageDailyVolume = averageDailyVolume
        self.volumeBasis = volumeBasis
        self.tickSize = tickSize
        self.source = source
    }

    /// The keys of a sidecar, in the order the docs and the errors list them.
    public static let keys = [
        "symbol", "date", "venue_coverage", "venues", "consolidated", "adv_shares", "adv_basis", "tick_size", "source",
    ]

    /// `NASDAQ-only`, `NASDAQ+BATS-only` or `consolidated`: the coverage in a word, for warnings.
    public var coverageLabel: String {
        consolidated ? "consolidated" : venues.joined(separator: "+") + "-only"
    }
}
