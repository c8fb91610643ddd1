import MarketData

/// Session times on the command line (`--until`, `--from`, `--to`), on the data's clock.
enum SessionTime {
    /// `HH:MM` or `HH:MM:SS[.fff]`.
    static func parse(_ text: String) -> Timestamp? {
        Timestamp(clock: text.count == 5 ? text + ":00" : text)
    }
}
