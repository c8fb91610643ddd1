import Foundation
import Testing

@testable import MarketData

/// `RecordingConverter`, the engine of `fsd convert`: a closed, verified recording in place, or
/// nothing at all.
@Suite struct RecordingConverterTests {
    @Test func repairsAnUnfinishedRecordingIntoAClosedOne() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let input = files.path("crashed.fsdr")
        _ = try RecordingTests.write(RecordingTests.events, to: input, close: false)
        let output = files.path("repaired.fsdr")
        #expect(throws: ReplayError.self) { try RecordingConverter(input: input, output: output).convert() }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))

        var reports = 0
        let outcome = try RecordingConverter(input: input, output: output, allowUnfinished: true).convert { _ in reports += 1 }
        #expect(outcome.events == RecordingTests.events.count)
        #expect(outcome.trades == 2)
        #expect(outcome.verified)
        #expect(outcome.symbol == "TSLA" && outcome.messages == nil)
        #expect(reports == 0)  // a progress report every 65,536 events
        #expect(try RecordingTests.readAll(output) == RecordingTests.events)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        let size = try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int
        #expect(size == outcome.bytes)
    }

    @Test func aDestinationThatCannotBeWrittenLeavesNothing() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let input = files.path("day.fsdr")
        _ = try RecordingTests.write(RecordingTests.events, to: input)
        let output = files.path("missing-folder/day.fsdr")
        let error = try #require(throws: ReplayError.self) {
            try RecordingConverter(input: input, output: output).convert()
        }
        #expect(error.kind == .unreadable)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }
}
