/// Counts the reasoning a reply has streamed so far, for the think budget (`ModelRequest.thinkBudget`).
///
/// Reasoning arrives apart from the answer (ollama `thinking`, OpenAI-compatible `reasoning_content`)
/// or inline in the answer as a `<think>` block. Content that arrives before any separate reasoning
/// counts as reasoning until its `</think>`: some chat templates open the block in the prompt, so
/// the reply starts inside it with no tag; a plain command is far below any useful budget.
struct ReasoningMeter: Hashable, Sendable {
    /// Pieces of reasoning streamed: ollama and llama.cpp send one token a piece.
    private(set) var pieces = 0
    private(set) var characters = 0
    /// True once answer text outside any reasoning has arrived: the budget no longer applies.
    private(set) var answering = false
    private var sawSeparateReasoning = false
    /// The end of the inline reasoning so far, to find a `</think>` split across pieces.
    private var tail = ""

    /// Tokens of reasoning, estimated: one per piece, or a quarter of the characters when a server
    /// sends several tokens a piece (a batching vLLM), whichever is more.
    var tokens: Int { max(pieces, (characters + 3) / 4) }

    /// A piece of separate reasoning, of `count` characters (the decoder has counted them).
    mutating func reasoning(characters count: Int) {
        sawSeparateReasoning = true
        add(count)
    }

    /// A piece of answer text of `count` characters.
    mutating func answer(_ text: String, characters count: Int) {
        guard !answering else { return }
        if sawSeparateReasoning {
            answering = true
            return
        }
        let window = (tail + text).lowercased()
        if let close = window.range(of: "</think>") {
            answering = true
            add(window[..<close.lowerBound].dropFirst(tail.count).count)
            return
        }
        add(count)
        tail = String(window.suffix(7))
    }

    private mutating func add(_ count: Int) {
        guard count > 0 else { return }
        pieces += 1
        characters += count
    }
}
