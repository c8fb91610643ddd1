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
    var seconds: Double
    var verified: Bool

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
    }

    /// The two lines `fsd convert` prints.
    var text: String {
        let from = messages.map { " from \(Self.grouped($0)) LOBSTER messages" } ?? ""
        let perEvent = events > 0 ? String(format: "%.2f", Double(bytes) / Double(events)) : "0"
        return """
            Wrote \(output): \(symbol) \(sessionDate), \(Self.grouped(events)) events (\(Self.grouped(trades)) trades)\(from).
            \(Self.grouped(bytes)) bytes, \(perEvent) bytes per event, in \(String(format: "%.2f", seconds)) s\
            \(verified ? "; read back and verified event by event." : " (not verified).")
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

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }
}

