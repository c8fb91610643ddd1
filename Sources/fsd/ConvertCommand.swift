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
            whole blocks before the cut into a closed recording. Given a version 1 .fsdr (no block \
            checksums; every replay refuses it), convert rewrites it as version 2 once its own CRC-32 \
            matches. --verify also checks the finished file as `fsd verify` does (every block's CRC32C).

            Examples:
              fsd convert --data data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz \\
                          --out GOOG_2012-06-21.fsdr
              fsd backtest --data GOOG_2012-06-21.fsdr --strategy strategies/momentum.yaml
              fsd convert --data crashed.fsdr --allow-unfinished --out repaired.fsdr --json
              fsd convert --data old-v1.fsdr --out new.fsdr --verify

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

    @Flag(help: "Accept an .fsdr input without its trailer and keep its whole blocks up to the cut.")
    var allowUnfinished = false

    @Flag(help: "Do not read the recording back to compare it with the source.")
    var skipVerify = false

    @Flag(
        help: "Verify explicitly (the default): compare every event with the source, then check the finished file as `fsd verify` does.")
    var verify = false

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        if verify && skipVerify { throw ValidationError("--verify and --skip-verify exclude each other: pick one") }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: out) && !force {
            throw CLIError.invalidInput("the file exists; pass --force to replace it", file: out)
        }
        let started = ContinuousClock.now
        var progress = ConversionProgress(quiet: quiet)
        let converter = RecordingConverter(input: data, output: out, allowUnfinished: allowUnfinished, verify: !skipVerify)
        let outcome: RecordingConverter.Outcome
        do {
            outcome = try converter.convert { progress.show($0) }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        var summary = ConversionSummary(input: data, output: out, outcome: outcome, seconds: started.duration(to: .now))
        if verify {
            // The file as it now lies under its name: every checksum, as `fsd verify` reads it.
            let report = try RecordingVerifier.verify(path: out)
            summary.checksumsVerified = report.blocks
            if !json { summary.note = VerifyCommand.text(out, report) }
        }
        Console.line(json ? summary.json : summary.text)
        copySidecar()
    }

    /// The input's `.meta.json` sidecar (venue coverage, ADV, tick size) goes with the recording,
    /// unless one is already beside it: without it a replay of the copy would not know its venues.
    private func copySidecar() {
        guard let source = try? ReplaySource.open(path: out, prefetch: false),
            let metadata = try? DatasetMetadataLookup.find(dataPath: data, symbol: source.symbol, date: source.sessionDate),
            !DatasetMetadataLookup.candidates(dataPath: out, symbol: source.symbol, date: source.sessionDate).contains(where: {
                FileManager.default.fileExists(atPath: $0)
            }),
            let target = DatasetMetadataLookup.candidates(dataPath: out, symbol: source.symbol, date: source.sessionDate).first
        else { return }
        do {
            try FileManager.default.copyItem(atPath: metadata.path, toPath: target)
            Console.note("fsd convert: copied the dataset sidecar \(metadata.path) to \(target)")
        } catch {
            Console.note("fsd convert: warning: the dataset sidecar \(metadata.path) could not be copied to \(target): \(error.localizedDescription)")
        }
    }
}
