import ArgumentParser
import MarketData

/// Session times on the command line (`--until`, `--from`, `--to`), on the data's clock.
enum SessionTime {
    /// `HH:MM` or `HH:MM:SS[.fff]`.
    static func parse(_ text: String) -> Timestamp? {
        Timestamp(clock: text.count == 5 ? text + ":00" : text)
    }

    /// Checks an option's session time: nil stays nil, a bad one is a usage error naming `option`.
    static func validate(_ text: String?, option: String, example: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = parse(text) else { throw ValidationError("\(option) must be HH:MM or HH:MM:SS, e.g. \(example)") }
        return time
    }
}
