import MarketData
import Testing

@testable import fsd

/// The one mapping from errors to exit statuses, where `ReplayError.exitCode` was asserted before
/// it moved out of MarketData (`LobsterReaderTests` asserts the kind).
@Suite struct ExitStatusTests {
    @Test func replayErrorsMapByKind() {
        let missing = ReplayError(.unreadable, path: "x.csv", message: "the orderbook file is missing")
        let truncated = ReplayError(.invalidData, path: "x.csv.gz", line: 5, message: "the gzip data is truncated")
        #expect(CLIError(missing).exitCode == 2)
        #expect(CLIError(truncated).exitCode == 1)
        #expect(CLIError(truncated).text == "x.csv.gz:5: error: the gzip data is truncated")
        #expect(CLIError(truncated as any Error).exitCode == 1)
    }

    @Test func messagesSayErrorOnceAndWhere() {
        #expect(CLIError.invalidInput("--runs 0: expected 1 to 100").text == "error: --runs 0: expected 1 to 100")
        #expect(CLIError.runtimeFailure("cannot read", file: "s.json").text == "s.json: error: cannot read")
        #expect(CLIError.invalidInput("error: --model: unknown").text == "error: --model: unknown")
        #expect(CLIError.invalidInputReported.text == nil && CLIError.invalidInputReported.exitCode == 1)
        #expect(CLIError.runtimeFailureReported.exitCode == 2)
    }
}
