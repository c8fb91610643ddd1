extension RiskSettings {
    /// What `new` would loosen of the limits that bound the day's money at risk: a hot reload may
    /// tighten them, never raise them mid-day (a restart may, and the journal keeps the day's P&L,
    /// trades and halt across it). Empty when the reload may go ahead.
    ///
    /// `max_daily_loss`, `max_position`, `position_size`, `max_trades_per_day` and
    /// `max_risk_per_share` are held; spread, slippage, target and age limits change freely.
    public func loosened(by new: RiskSettings) -> [String] {
        var found: [String] = []
        func check<T: Comparable>(_ key: String, _ old: T, _ changed: T, _ text: (T) -> String) {
            if changed > old { found.append("risk.\(key) \(text(old)) → \(text(changed))") }
        }
        check("max_daily_loss", maxDailyLoss, new.maxDailyLoss) { $0.display }
        check("max_position", maxPosition, new.maxPosition) { "\($0)" }
        check("position_size", positionSize, new.positionSize) { "\($0)" }
        check("max_trades_per_day", maxTradesPerDay, new.maxTradesPerDay) { "\($0)" }
        switch (maxRiskPerShare, new.maxRiskPerShare) {
        case (.dollars(let old), .dollars(let changed)):
            check("max_risk_per_share", old, changed) { $0.display }
        case (.share(let old, _), .share(let changed, _)):
            if changed > old { found.append("risk.max_risk_per_share \(maxRiskPerShare) → \(new.maxRiskPerShare)") }
        case (.ticks(let old), .ticks(let changed)):
            if changed > old { found.append("risk.max_risk_per_share \(maxRiskPerShare) → \(new.maxRiskPerShare)") }
        default:
            // Dollars against a share of LAST: larger at some prices, so held like a raise.
            found.append("risk.max_risk_per_share \(maxRiskPerShare) → \(new.maxRiskPerShare) (another unit)")
        }
        return found
    }
}
