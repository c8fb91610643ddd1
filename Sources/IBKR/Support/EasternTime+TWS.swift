import MarketData

extension EasternTime {
    /// `yyyyMMdd HH:mm:ss US/Eastern`, the execDetails time format.
    static func twsTime(date: SessionDate, time: Timestamp) -> String {
        let compact = String(date.description.filter { $0 != "-" })
        return "\(compact) \(time.clock.prefix(8)) US/Eastern"
    }
}
