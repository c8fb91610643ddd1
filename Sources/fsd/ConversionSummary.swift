import Foundation
import MarketData

/// What `fsd convert` reports when it is done.
struct ConversionSummary: Codable {
    var input: String
    var output: String
    var format: String
    var symbol: String
    var sessionDate: String
    /// LOBSTER messages read, for LOBSTER input.
    var messages: Int?
    var events: Int
    var trades: Int
    var bytes: Int
    /// Checksummed blocks of the recording.
    var blocks: Int
    var seconds: Double
    var verified: Bool
    /// The input was a version 1 recording, now rewritten with block checksums.
    var upgradedFromVersion1: Bool
    /// Blocks whose CRC32C `--verify` checked in the finished file; nil without `--verify`.
    var checksumsVerified: Int?
    /// A line after the summary (what `--verify` found); not in the JSON.
    var note: String?

    private enum CodingKeys: String, CodingKey {
        case input, output, format, symbol, sessionDate, messages, events, trades, bytes, blocks, seconds, verified
        case upgradedFromVersion1, checksumsVerified
    }

    init(input: String, output: String, outcome: RecordingConverter.Outcome, seconds duration: Duration) {
        self.input = input
        self.output = output
        format = outcome.format.rawValue
        symbol = outcome.symbol
        sessionDate = outcome.sessionDate.description
        messages = outcome.messages
        events = outcome.events
        trades = outcome.trades
        bytes = outcome.bytes
        seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        verified = outcome.verified
        blocks = outcome.blocks
        upgradedFromVersion1 = outcome.upgradedFromVersion1
    }

    /// The two lines `fsd convert` prints.
    var text: String {
        let from = messages.map { " from \($0.grouped) LOBSTER messages" } ?? ""
        let perEvent = events > 0 ? String(format: "%.2f", Double(bytes) / Double(events)) : "0"
        return """
            Wrote \(output): \(symbol) \(sessionDate), \(events.grouped) events (\(trades.grouped) trades)\(from).
            \(bytes.grouped) bytes, \(perEvent) bytes per event, \(blocks.grouped) CRC32C-checked blocks, in \
            \(String(format: "%.2f", seconds)) s\
            \(verified ? "; read back and verified event by event." : " (not verified).")\
            \(upgradedFromVersion1 ? "\nThe input was a version 1 recording; this copy has block checksums." : "")\
            \(note.map { "\n" + $0 } ?? "")
            """
    }

    /// The summary as one JSON object, snake_case keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
