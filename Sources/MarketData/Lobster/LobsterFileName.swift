import Foundation

/// What a LOBSTER file name says: `GOOG_2012-06-21_34200000_57600000_message_10.csv.gz` is GOOG on
/// 2012-06-21, and its book is in the same name with `orderbook` in place of `message`.
struct LobsterFileName: Hashable, Sendable {
    var symbol: String
    var sessionDate: SessionDate
    var orderbookPath: String
    /// The session window the name gives (`34200000_57600000`: milliseconds after midnight), in
    /// nanoseconds; nil when the name has none.
    var window: ClosedRange<Int64>?
    /// Levels per side the name gives (`_message_10`); nil when it has none.
    var levels: Int?

    static let example = "GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    init(messagePath: String) throws {
        let slash = messagePath.lastIndex(of: "/")
        let directory = slash.map { String(messagePath[...$0]) } ?? ""
        let name = slash.map { String(messagePath[messagePath.index(after: $0)...]) } ?? messagePath
        guard let range = name.range(of: "message", options: .backwards) else {
            let hint =
                name.contains("orderbook")
                ? "this is an orderbook file; pass the message file of the pair"
                : "a LOBSTER message file name contains 'message', e.g. \(Self.example)"
            throw ReplayError(.invalidData, path: messagePath, message: "not a LOBSTER message file: \(hint)")
        }
        orderbookPath = directory + name.replacingCharacters(in: range, with: "orderbook")
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[0].isEmpty,
            parts[0].utf8.allSatisfy({ $0 < 128 && $0 != UInt8(ascii: " ") }),
            let date = SessionDate(iso: parts[1])
        else {
            throw ReplayError(
                .invalidData, path: messagePath,
                message: "cannot read the ticker and session date from the file name; LOBSTER names look like "
                    + Self.example)
        }
        symbol = String(parts[0])
        sessionDate = date
        if parts.count >= 4, let start = Self.milliseconds(parts[2]), let end = Self.milliseconds(parts[3]), start <= end {
            window = start * 1_000_000...end * 1_000_000
        }
        if let last = parts.last, parts.count >= 5 {
            levels = Int(last.prefix { $0.isASCII && $0.isNumber })
        }
    }

    /// What a file name says whatever it is (an orderbook file's own name); nil for a name that is
    /// not a LOBSTER one.
    static func parts(of path: String) -> (symbol: String, date: SessionDate)? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[0].isEmpty, let date = SessionDate(iso: parts[1]) else { return nil }
        return (String(parts[0]), date)
    }

    /// A time of day in milliseconds (0 to 86,400,000) written as digits.
    private static func milliseconds(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.count <= 8, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(text),
            value <= 86_400_000
        else { return nil }
        return value
    }
}
