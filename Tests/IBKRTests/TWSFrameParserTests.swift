import Testing

@testable import IBKR

@Suite struct TWSFrameParserTests {
    /// Parses a byte stream delivered in the given chunk sizes, as TCP may split or coalesce it.
    static func parseAll(_ bytes: [UInt8], chunks: [Int], serverSide: Bool = false) throws -> [TWSFrame] {
        var buffer: [UInt8] = []
        var frames: [TWSFrame] = []
        var expectingHello = serverSide
        var offset = 0
        var chunkIndex = 0
        while offset < bytes.count {
            let size = max(1, chunks[chunkIndex % chunks.count])
            chunkIndex += 1
            buffer += bytes[offset..<min(bytes.count, offset + size)]
            offset += size
            while true {
                let step = try buffer.withUnsafeBytes { try TWSFrameParser.parse($0, expectingHelloPrefix: expectingHello) }
                switch step {
                case .needMoreData: break
                case .helloPrefix:
                    buffer.removeFirst(4)
                    expectingHello = false
                    continue
                case .frame(let frame, let consumed):
                    frames.append(frame)
                    buffer.removeFirst(consumed)
                    continue
                }
                break
            }
        }
        return frames
    }

    @Test func encodesLengthAndNulTerminatedFields() {
        let bytes = TWSFrameParser.encode(TWSFrame(fields: ["71", "2", "7", ""]))
        #expect(bytes == [0, 0, 0, 8] + Array("71\u{0}2\u{0}7\u{0}\u{0}".utf8))
    }

    @Test func clientHelloIsUnterminated() {
        let bytes = TWSFrameParser.encodeClientHello("v100..178")
        #expect(bytes == [0x41, 0x50, 0x49, 0, 0, 0, 0, 9] + Array("v100..178".utf8))
    }

    @Test func splitAndCoalescedReadsGiveTheSameFrames() throws {
        let frames = [
            TWSFrame(fields: ["15", "1", "DU123,DU456"]), TWSFrame(fields: ["9", "1", "1000"]),
            TWSFrame(fields: ["4", "2", "-1", "2104", "Market data farm connection is OK:usfarm", ""]),
        ]
        let stream = TWSFrameParser.encodeClientHello("v100..178") + frames.flatMap(TWSFrameParser.encode)
        for chunks in [[1], [2, 3], [7], [stream.count], [5, 1, 13]] {
            let parsed = try Self.parseAll(stream, chunks: chunks, serverSide: true)
            #expect(parsed == [TWSFrame(fields: ["v100..178"])] + frames)
        }
    }

    @Test func rejectsOversizedFramesAndBadHellos() {
        let oversized: [UInt8] = [0x01, 0x00, 0x00, 0x00]
        #expect(throws: TWSProtocolError.self) {
            try oversized.withUnsafeBytes { try TWSFrameParser.parse($0, expectingHelloPrefix: false) }
        }
        let notHello = Array("GET /".utf8)
        #expect(throws: TWSProtocolError.self) {
            try notHello.withUnsafeBytes { try TWSFrameParser.parse($0, expectingHelloPrefix: true) }
        }
    }

    @Test func versionRanges() {
        #expect(TWSWire.parseVersionRange("v100..178") == 100...178)
        #expect(TWSWire.parseVersionRange("v157..178 +PACEAPI") == 157...178)
        #expect(TWSWire.parseVersionRange("v100.200") == nil)
        #expect(TWSWire.parseVersionRange("100..178") == nil)
    }
}
