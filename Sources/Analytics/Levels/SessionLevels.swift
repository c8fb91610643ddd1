import MarketData
import StateVector

/// The session's running totals that need no window: volume for `RVOL_DAY` and the VWAP sums,
/// plus the time arithmetic of `TIME_SESSION` and `RVOL_DAY` (FEATURES.md "Key levels").
struct SessionLevels: Sendable {
    private(set) var volume: Int64 = 0
    private var notional = WideSum()

    /// Adds a print of the regular session.
    mutating func add(_ trade: ClassifiedTrade) {
        volume += trade.size
        notional.add(trade.price, times: trade.size)
    }

    /// Σ price × size / Σ size, rounded half away from zero to the price unit; nil before the
    /// first print.
    var vwap: Price? { notional.average(over: volume) }

    /// `RVOL_DAY`: volume so far over the volume expected by `now` (average daily volume × the
    /// curve's cumulative fraction at `now`); nil without an average daily volume or before any
    /// volume is expected (at or before the open).
    static func relativeVolume(
        volume: Int64, averageDailyVolume: Int64?, at now: Timestamp, parameters: FeatureParameters
    ) -> Double? {
        guard let averageDailyVolume, averageDailyVolume > 0 else { return nil }
        let fraction = parameters.volumeCurve.cumulativeFraction(elapsed: now - parameters.sessionOpen)
        guard fraction > 0 else { return nil }
        return Double(volume) / (Double(averageDailyVolume) * fraction)
    }

    /// `TIME_SESSION`: each boundary belongs to the later phase, except the close, which is still
    /// CLOSE (Settled detail 2).
    static func phase(at now: Timestamp, parameters: FeatureParameters) -> TimeSession {
        if now < parameters.sessionOpen { return .preMarket }
        if now < parameters.openDriveEnd { return .openDrive }
        if now < parameters.morningEnd { return .morning }
        if now < parameters.middayEnd { return .midday }
        if now < parameters.afternoonEnd { return .afternoon }
        if now <= parameters.sessionClose { return .close }
        return .afterHours
    }
}
