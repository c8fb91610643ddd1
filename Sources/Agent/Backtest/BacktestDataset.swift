public import MarketData

/// What a backtest's data is beyond its path: whose prints it holds (its `.meta.json` sidecar) and
/// which average daily volume RVOL_DAY divided by, from where. A summary that shows RVOL-driven
/// results must also show whether that ratio compared like with like.
public struct BacktestDataset: Sendable {
    /// Where the average daily volume came from.
    public enum VolumeSource: Sendable, Equatable {
        /// `--adv`, with what the user said it counts (`venue` or `consolidated`), if they said.
        case option(coverage: String?)
        /// The sidecar's `adv_shares`.
        case metadata
        /// Nowhere: RVOL_DAY was null.
        case none
    }

    public var metadata: DatasetMetadata?
    public var averageDailyVolume: Int64?
    public var volumeSource: VolumeSource
    /// Set when single-venue prints were divided by a figure not said to count the same venues:
    /// the stderr warning in a few words.
    public var caveat: String?

    public init(
        metadata: DatasetMetadata?, averageDailyVolume: Int64?, volumeSource: VolumeSource, caveat: String? = nil
    ) {
        self.metadata = metadata
        self.averageDailyVolume = averageDailyVolume
        self.volumeSource = volumeSource
        self.caveat = caveat
    }

    /// `Data: NASDAQ TotalView-ITCH only (LOBSTER); ADV 706,125 from data/sample/….meta.json`.
    public var line: String {
        let coverage = metadata?.venueCoverage ?? "venue coverage unknown (no .meta.json sidecar)"
        let volume: String
        switch (volumeSource, averageDailyVolume) {
        case (.metadata, let shares?):
            volume = "ADV \(shares.grouped) from \(metadata?.path ?? "the sidecar")"
        case (.option(let stated), let shares?):
            volume = "ADV \(shares.grouped) from --adv" + (stated.map { " (\($0))" } ?? "")
        default: volume = "no ADV, RVOL_DAY null"
        }
        return "Data: \(coverage); \(volume)" + (caveat.map { "; warning: \($0)" } ?? "")
    }

    /// The same as one JSON object: the sidecar's fields (null without one) and the volume used.
    public var jsonObject: JSONLine {
        var object = JSONLine()
        object.field("metadata", metadata?.path)
        object.field("venue_coverage", metadata?.venueCoverage)
        if let metadata {
            object.field("venues", strings: metadata.venues)
            object.field("consolidated", metadata.consolidated)
        } else {
            object.field("venues", rawJSON: "null")
            object.field("consolidated", rawJSON: "null")
        }
        object.field("tick_size", price: metadata?.tickSize)
        object.field("source", metadata?.source)
        object.field("adv_shares", averageDailyVolume)
        switch volumeSource {
        case .metadata:
            object.field("adv_source", "metadata")
            object.field("adv_coverage", "venue")
            object.field("adv_basis", metadata?.volumeBasis)
        case .option(let stated):
            object.field("adv_source", "--adv")
            object.field("adv_coverage", stated)
            object.field("adv_basis", nil as String?)
        case .none:
            object.field("adv_source", nil as String?)
            object.field("adv_coverage", nil as String?)
            object.field("adv_basis", metadata?.volumeBasis)
        }
        object.field("warning", caveat)
        return object
    }
}
