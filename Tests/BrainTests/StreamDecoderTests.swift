import TestSupport
import Testing

@testable import Brain

/// The stream decoders fed every possible split of a real body: a chunk boundary anywhere, inside a
/// UTF-8 character too, never changes the reply.
@Suite struct StreamDecoderTests {
    static let thinking = "Wall 0.61% away ✓ — größer 🚀"
    static let content = "WAIT(\"CVD divergence — trend not confirmed ✗\")"

    private func feed<D: StreamDecoder>(_ decoder: D, _ body: [UInt8], splitAt cut: Int) throws -> D {
        var decoder = decoder
        var lines = LineBuffer()
        for line in lines.append(body[..<cut]) { try decoder.consume(line: line) }
        for line in lines.append(body[cut...]) { try decoder.consume(line: line) }
        if let last = lines.finish() { try decoder.consume(line: last) }
        try decoder.finish()
        return decoder
    }

    @Test func ollamaBodySplitAnywhere() throws {
        let body = Array(
            ScriptedResponse.ollamaChatBody(
                model: "m", thinking: Self.thinking, content: Self.content, pieceSize: 4, promptEvalCount: 10,
                evalCount: 20
            ).utf8)
        for cut in 0...body.count {
            let decoder = try feed(OllamaStreamDecoder(url: "u", onEvent: nil), body, splitAt: cut)
            let reply = decoder.reply(model: "m", latency: .seconds(1), timeToFirstToken: nil)
            #expect(reply.reasoning == Self.thinking && reply.answer == Self.content, "cut at \(cut)")
        }
    }

    @Test func openAIBodySplitAnywhere() throws {
        let body = Array(
            ScriptedResponse.openAIStreamBody(
                model: "m", reasoning: Self.thinking, content: Self.content, pieceSize: 4, promptTokens: 10,
                completionTokens: 20
            ).utf8)
        for cut in stride(from: 0, through: body.count, by: 1) {
            let decoder = try feed(OpenAIStreamDecoder(url: "u", onEvent: nil), body, splitAt: cut)
            let reply = decoder.reply(model: "m", latency: .seconds(1), timeToFirstToken: nil)
            #expect(
                reply.reasoning == Self.thinking && reply.answer == Self.content && reply.completionTokens == 20,
                "cut at \(cut)")
        }
    }

    @Test func lineBufferKeepsPartialCharactersUntilTheLineEnds() {
        var lines = LineBuffer()
        let bytes = Array("a✓\r\nb".utf8)
        #expect(lines.append(bytes[0..<2]).isEmpty)
        #expect(lines.append(bytes[2..<6]) == [Array("a✓".utf8)])
        #expect(lines.append(bytes[6...]).isEmpty)
        #expect(lines.finish() == Array("b".utf8))
        #expect(lines.finish() == nil)
    }

    /// 200,000 characters arriving 7 bytes at a time, as one SSE line and as 7-character pieces:
    /// the reader looks at each byte a bounded number of times (it used to rescan the pending line
    /// and recount the whole reply on every chunk, 10 s of CPU for this input).
    @Test(arguments: [200_000, 7])
    func twoHundredThousandCharactersInSevenByteChunksCostLinearWork(pieceSize: Int) throws {
        let content = String(repeating: "abcdefg", count: 28_572).prefix(200_000)
        let body = Array(
            ScriptedResponse.openAIStreamBody(
                model: "m", reasoning: "", content: String(content), pieceSize: pieceSize,
                promptTokens: 1, completionTokens: 1
            ).utf8)
        var decoder = OpenAIStreamDecoder(url: "u", onEvent: nil)
        var lines = LineBuffer()
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + 7)
            for line in lines.append(body[offset..<end]) { try decoder.consume(line: line) }
            offset = end
        }
        if let last = lines.finish() { try decoder.consume(line: last) }
        try decoder.finish()
        #expect(decoder.received == 200_000)
        #expect(decoder.reply(model: "m", latency: .zero, timeToFirstToken: nil).answer == String(content))
        #expect(lines.bytesExamined <= 2 * body.count)
    }
}
