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

    mutating func reasoning(_ text: String) {
        sawSeparateReasoning = true
        count(text)
    }

    mutating func answer(_ text: String) {
        guard !answering else { return }
        if sawSeparateReasoning {
            answering = true
            return
        }
        let window = (tail + text).lowercased()
        if let close = window.range(of: "</think>") {
            answering = true
            count(String(window[..<close.lowerBound].dropFirst(tail.count)))
            return
        }
        count(text)
        tail = String(window.suffix(7))
    }

    private mutating func count(_ text: String) {
        guard !text.isEmpty else { return }
        pieces += 1
        characters += text.count
    }
}
