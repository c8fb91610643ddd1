import Testing

@testable import MarketData

@Suite struct ReplaySourceTests {
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
