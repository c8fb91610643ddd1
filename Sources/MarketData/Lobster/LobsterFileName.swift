import Foundation

/// What a LOBSTER file name says: `GOOG_2012-06-21_34200000_57600000_message_10.csv.gz` is GOOG on
/// 2012-06-21, and its book is in the same name with `orderbook` in place of `message`.
struct LobsterFileName: Hashable, Sendable {
    var symbol: String
    var sessionDate: SessionDate
    var orderbookPath: String

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
    }
}
