import ArgumentParser
import Foundation
import MarketData

/// `fsd convert`: a LOBSTER pair (or an unfinished recording) into a closed FSDTrader recording.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert replay data to an FSDTrader recording (.fsdr), which replays several times faster.",
        discussion: """
            Reads a LOBSTER message file (plain or .gz; its orderbook file must sit beside it, with \
            'message' replaced by 'orderbook' in the name) and writes every event it yields — book \
            updates and trades, with their timestamps and batch ends — into a compact binary recording \
            (format: docs/DATA.md). The recording is written under a temporary name, read back and \
            compared event by event with the source, and only then renamed to --out.

            Given an .fsdr whose recorder stopped without closing it, --allow-unfinished saves the \
            events before the cut into a closed recording.

            Examples:
              fsd convert --data data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz \\
                          --out GOOG_2012-06-21.fsdr
              fsd backtest --data GOOG_2012-06-21.fsdr --strategy strategies/momentum.yaml
              fsd convert --data crashed.fsdr --allow-unfinished --out repaired.fsdr --json

            Exit codes: 0 written and verified, 1 invalid input data or arguments, 2 unreadable \
            input or failed write.
            """
    )

    @Option(help: "The data to convert: a LOBSTER message file (.csv or .csv.gz) or an .fsdr recording.")
    var data: String

    @Option(help: "The recording to write (by convention with the .fsdr extension).")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Flag(help: "Accept an .fsdr input without its end record and keep its events up to the cut.")
    var allowUnfinished = false

    @Flag(help: "Do not read the recording back to compare it with the source.")
    var skipVerify = false

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func run() throws {
        if FileManager.default.fileExists(atPath: out) && !force {
            Self.printError("\(out): error: the file exists; pass --force to replace it")
            throw ExitCode(1)
        }
        do {
            let summary = try convert()
            print(json ? summary.json : summary.text)
        } catch let error as ReplayError {
            Self.printError("\(error)")
            throw ExitCode(error.exitCode)
        }
    }

    private func convert() throws -> ConversionSummary {
        let started = ContinuousClock.now
        let source = try ReplaySource.open(path: data, allowUnfinished: allowUnfinished)
        let partial = out + ".partial"
        let writer = try RecordingWriter(path: partial, symbol: source.symbol, sessionDate: source.sessionDate)
        var progress = ConversionProgress(quiet: quiet)
        var trades = 0
        var lastTime = Timestamp(nanos: 0)
        do {
            while let event = try source.next() {
                try writer.append(event)
                if case .trade = event.event { trades += 1 }
                lastTime = event.time
                if writer.eventCount & 0xffff == 0 {
                    progress.show(events: writer.eventCount, rows: source.lobster?.messagesRead, time: lastTime)
                }
            }
            try writer.close()
            if !skipVerify { try verify(recording: partial) }
            try FileManager.default.moveItemReplacing(at: partial, with: out)
        } catch {
            progress.finish()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        progress.finish()
        return ConversionSummary(
            input: data, output: out, format: source.format.rawValue, symbol: source.symbol,
            sessionDate: source.sessionDate.description, messages: source.lobster?.messagesRead,
            events: writer.eventCount, trades: trades, bytes: writer.bytesWritten,
            seconds: (ContinuousClock.now - started).seconds, verified: !skipVerify)
    }

    /// Reads the written recording and the source side by side: they must yield the same events.
    private func verify(recording: String) throws {
        let original = try ReplaySource.open(path: data, allowUnfinished: allowUnfinished)
        let copy = try RecordingReader(path: recording)
        var index = 0
        while true {
            let expected = try original.next()
            let actual = try copy.next()
            index += 1
            guard expected == actual else {
                throw ReplayError(
                    .unreadable, path: recording,
                    message: "verification failed: event \(index) reads back as \(actual.map { "\($0)" } ?? "nothing") "
                        + "instead of \(expected.map { "\($0)" } ?? "nothing"); the file was not kept")
            }
            if expected == nil { return }
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

}

extension FileManager {
    /// Renames `source` to `destination`, replacing a file already there.
    fileprivate func moveItemReplacing(at source: String, with destination: String) throws {
        do {
            if fileExists(atPath: destination) { try removeItem(atPath: destination) }
            try moveItem(atPath: source, toPath: destination)
        } catch {
            throw ReplayError(.unreadable, path: destination, message: "cannot move the finished recording here: \(error)")
        }
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

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

    var text: String {
        let from = messages.map { " from \(Self.grouped($0)) LOBSTER messages" } ?? ""
        let perEvent = events > 0 ? String(format: "%.2f", Double(bytes) / Double(events)) : "0"
        return """
            Wrote \(output): \(symbol) \(sessionDate), \(Self.grouped(events)) events (\(Self.grouped(trades)) trades)\(from).
            \(Self.grouped(bytes)) bytes, \(perEvent) bytes per event, in \(String(format: "%.2f", seconds)) s\
            \(verified ? "; read back and verified event by event." : " (not verified).")
            """
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

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

/// The `\r`-rewritten progress line of a conversion on stderr, at most four times a second.
struct ConversionProgress {
    let quiet: Bool
    private var lastShown = ContinuousClock.now
    private var shown = false

    init(quiet: Bool) { self.quiet = quiet }

    mutating func show(events: Int, rows: Int?, time: Timestamp) {
        guard !quiet, ContinuousClock.now - lastShown > .milliseconds(250) else { return }
        lastShown = ContinuousClock.now
        shown = true
        let rowsText = rows.map { "\(ConversionSummary.grouped($0)) messages, " } ?? ""
        FileHandle.standardError.write(
            Data("\rconverting: \(rowsText)\(ConversionSummary.grouped(events)) events, data time \(time.clock)".utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
