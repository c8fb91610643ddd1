import Testing

@testable import Brain

/// How the think budget counts reasoning: one token a streamed piece, or a quarter of the characters
/// when a server sends several tokens a piece; inline `<think>` text until its close.
@Suite struct ReasoningMeterTests {
    @Test func separateReasoningCountsAndTheFirstContentIsTheAnswer() {
        var meter = ReasoningMeter()
        for _ in 0..<5 { meter.reasoning(characters: 2) }
        #expect(meter.tokens == 5)
        #expect(!meter.answering)
        meter.answer("WAIT(", characters: "WAIT(".count)
        #expect(meter.answering)
        #expect(meter.tokens == 5)
    }

    @Test func batchedPiecesAreCountedByCharacters() {
        var meter = ReasoningMeter()
        meter.reasoning(characters: 41)
        // One piece, but 41 characters: ceil(41 / 4) = 11.
        #expect(meter.tokens == 11)
    }

    @Test func inlineThinkingCountsUntilACloseTagSplitAcrossPieces() {
        var meter = ReasoningMeter()
        meter.answer("<think>", characters: "<think>".count)
        meter.answer("a b ", characters: "a b ".count)
        meter.answer("c</th", characters: "c</th".count)
        #expect(!meter.answering)
        meter.answer("ink>ENTER", characters: "ink>ENTER".count)
        #expect(meter.answering)
        // "<think>", "a b ", "c</th", then the piece with the close: 7+4+5 characters and 3 pieces,
        // the last piece adds nothing before its tag (its "ink" was counted with "c</th").
        #expect(meter.pieces == 3)
        meter.answer("more answer", characters: "more answer".count)
        #expect(meter.pieces == 3)
    }

    @Test func untaggedContentBeforeAnyReasoningCountsAsReasoning() {
        var meter = ReasoningMeter()
        meter.answer("thinking out loud ", characters: "thinking out loud ".count)
        meter.answer("still ", characters: "still ".count)
        #expect(meter.pieces == 2)
        #expect(!meter.answering)
    }
}
