import MarketData
import StateVector

/// `CVD_SESSION`, `CVD_SLOPE_5M` and `CVD_TREND` (FEATURES.md "Footprint and delta"). The slope is
/// the signed volume over the volume of the session's prints in (t − `cvd_window_min`, t]: in
/// [−1, 1] by construction, 0 when nothing traded, the session so far before the window fills.
struct CumulativeDelta: Sendable {
    private(set) var session: Int64 = 0
    private var window: RollingTradeWindow
    private let threshold: Double

    init(parameters: FeatureParameters) {
        window = RollingTradeWindow(nanoseconds: WindowLength.nanos(minutes: parameters.cvdWindowMinutes))
        threshold = parameters.cvdTrendThreshold
    }

    /// Adds a print of the regular session (the caller filters out earlier ones).
    mutating func add(_ trade: ClassifiedTrade) {
        session += trade.signedSize
        window.add(trade)
    }

    mutating func read(at now: Timestamp, into state: inout MarketState) {
        window.advance(to: now)
        let slope = window.volume > 0 ? Double(window.delta) / Double(window.volume) : 0
        state.cvdSession = session
        state.cvdSlope5m = slope
        state.cvdTrend = Self.trend(slope: slope, threshold: threshold)
    }

    static func trend(slope: Double, threshold: Double) -> CVDTrend {
        if slope > threshold { return .rising }
        if slope < -threshold { return .falling }
        return .flat
    }
}
