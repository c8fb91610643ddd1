import Testing

@testable import MarketData

/// `LobsterReader.read(into:)` hands over the same events as `next()`, whatever the batch size,
/// and never drops the events before a bad row.
@Suite struct LobsterBatchTests {
    static func readInBatches(_ path: String, size: Int) throws -> (events: [TimedEvent], error: ReplayError?) {
        let reader = try LobsterReader(messagePath: path)
        let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var events: [TimedEvent] = []
        do {
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                events += buffer[..<count]
            }
        } catch let error as ReplayError {
            return (events, error)
        }
        return (events, nil)
    }

    @Test(arguments: [1, 3, 7, 256, 100_000])
    func batchesEqualOneByOne(size: Int) throws {
        let path = TestFiles.sampleMessages
        let reader = try LobsterReader(messagePath: path)
        var expected: [TimedEvent] = []
        while let event = try reader.next() { expected.append(event) }
        let (events, error) = try Self.readInBatches(path, size: size)
        #expect(error == nil)
        #expect(events.count == 245_259)
        #expect(events == expected)
    }

    @Test(arguments: [1, 2, 64])
    func eventsBeforeABadRowArriveFirst(size: Int) throws {
        let files = try TestFiles()
        defer { files.remove() }
        var rows = LobsterReaderTests.rows
        rows[2] = "1010000,50,1000000,100,1030000,-400,990000,300"
        let path = try LobsterReaderTests.pair(files, rows: rows)
        let (events, error) = try Self.readInBatches(path, size: size)
        // Rows 1 and 2: four inserts, then the trade and the shrunk ask.
        #expect(events.count == 6)
        #expect(events.last?.event == LobsterReaderTests.depth(.ask, 101_00, 50, .update))
        let failure = try #require(error)
        #expect(failure.line == 3 && failure.path == files.path(LobsterReaderTests.orderbookName))
    }
}
