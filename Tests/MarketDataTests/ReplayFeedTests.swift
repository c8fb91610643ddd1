import Testing

@testable import MarketData

@Suite struct ReplayFeedTests {
    @Test func anAsyncFeedYieldsWhatTheReaderYields() async throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try LobsterReaderTests.pair(files)
        let expected = try LobsterReaderTests.readAll(path)
        let feed = ReplayFeed(try ReplaySource.open(path: path))
        #expect(feed.symbol == "TEST" && feed.sessionDate == SessionDate(year: 2024, month: 3, day: 15))
        var events: [TimedEvent] = []
        for try await event in feed { events.append(event) }
        #expect(events == expected)
        #expect(events.count == 9)
    }

    @Test func readsBatchesIntoACallersBuffer() throws {
        let source = try ReplaySource.open(path: TestFiles.sampleMessages)
        let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 1000)
        defer { buffer.deallocate() }
        let reader = source
        var total = 0
        var trades = 0
        while true {
            let count = try reader.read(into: buffer)
            for event in buffer[..<count] { if case .trade = event.event { trades += 1 } }
            total += count
            if count < buffer.count { break }
        }
        #expect(total == 245_259 && trades == 11_678)
        #expect(try source.next() == nil)
    }
}
