import ArgumentParser
import Foundation
import MarketData

/// `fsd verify FILE`: reads a recording (or a LOBSTER pair) through every check, without replaying it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a whole .fsdr recording (every block's CRC32C) or LOBSTER pair, without replaying it.",
        discussion: """
            Reads FILE through every check its reader makes and says what it holds. For a recording \
            (format version 2): the header's and every block's CRC-32C, each block's event count, and the \
            trailer's counts of events and blocks; the first damage is reported with its block and byte \
            offset. For a LOBSTER message file: every row of it and of its orderbook file. A version 1 \
            recording (no block checksums) is checked against its one end-of-file CRC-32; every replay \
            refuses it, and `fsd convert --data OLD.fsdr --out NEW.fsdr` rewrites it.

            Examples:
              fsd verify GOOG_2012-06-21.fsdr
              fsd verify data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz --json

            Exit codes: 0 intact, 1 damaged or invalid data, 2 unreadable file.
            """
    )

    @Argument(help: "The file to check: an .fsdr recording or a LOBSTER message file.")
    var file: String

    @Flag(help: "Print the result as one JSON object on stdout.")
    var json = false

    func run() throws {
        let report: RecordingVerifier.Report
        do {
            report = try RecordingVerifier.verify(path: file)
        } catch let error as ReplayError {
            throw CLIError(error)
        }
        Console.line(json ? Self.json(file, report) : Self.text(file, report))
    }

    static func text(_ file: String, _ report: RecordingVerifier.Report) -> String {
        let events = report.events.grouped
        switch (report.format, report.version, report.blocks) {
        case (.recording, let version?, let blocks?):
            return "\(file): intact: \(report.symbol) \(report.sessionDate), format version \(version), "
                + "\(events) events in \(blocks.grouped) blocks, every CRC32C checksum matches"
        case (.recording, let version, _):
            return "\(file): intact: \(report.symbol) \(report.sessionDate), format version \(version ?? 1), "
                + "\(events) events; its end CRC-32 matches, but version 1 has no block checksums and replays refuse "
                + "it: rewrite it with `fsd convert --data \(file) --out NEW.fsdr`"
        case (.lobster, _, _):
            let messages = report.messages.map { "\($0.grouped) messages, " } ?? ""
            return "\(file): intact: \(report.symbol) \(report.sessionDate), LOBSTER pair, \(messages)\(events) events, "
                + "every row checked"
        }
    }

    private struct Document: Encodable {
        var file: String
        var intact = true
        var format: String
        var version: Int?
        var symbol: String
        var sessionDate: String
        var events: Int
        var blocks: Int?
        var messages: Int?
    }

    static func json(_ file: String, _ report: RecordingVerifier.Report) -> String {
        let document = Document(
            file: file, format: report.format.rawValue, version: report.version, symbol: report.symbol,
            sessionDate: report.sessionDate.description, events: report.events, blocks: report.blocks,
            messages: report.messages)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
