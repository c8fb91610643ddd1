import MarketData

/// Reads the model's command out of its reply, the way a careful human reader would.
///
/// The reasoning (`<think>…</think>` or a separate field) is set aside first: commands the model
/// weighs while thinking never count. In the answer, every `KEYWORD(` starts a candidate; the last
/// candidate is the model's decision. Keywords match in any case and with `_`, `-` or a space
/// between their words; prices may carry `$`, quotes or a `name=` label that matches their
/// position. When the last candidate is malformed, or there is none, the reply is a parse failure:
/// it acts as `WAIT` and keeps the raw text. A failure never becomes a trade.
public enum CommandParser {
    /// Parses a reply.
    /// - Parameters:
    ///   - text: the answer as the server sent it, possibly with `<think>` blocks.
    ///   - reasoning: reasoning the server sent in its own field (ollama `thinking`,
    ///     OpenAI-compatible `reasoning_content`), if any.
    public static func parse(_ text: String, reasoning: String? = nil) -> ParsedReply {
        let split = ThinkSplitter.split(text)
        let fieldReasoning = reasoning.map(ThinkSplitter.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let allReasoning = [fieldReasoning, split.reasoning].compactMap { $0 }
        let raw = fieldReasoning.map { "<think>\n\($0)\n</think>\n\(text)" } ?? text
        let outcome: Result<Command, ParseFailure>
        if split.unterminated {
            outcome = .failure(
                ParseFailure("the reply ends inside a <think> block that never closed (cut off while reasoning?)"))
        } else {
            outcome = decide(candidates(in: Array(split.answer.utf8)), answer: split.answer)
        }
        return ParsedReply(
            outcome: outcome, raw: raw,
            reasoning: allReasoning.isEmpty ? nil : allReasoning.joined(separator: "\n"),
            answer: split.answer)
    }

    private static func decide(_ found: [Result<Command, ParseFailure>], answer: String) -> Result<
        Command, ParseFailure
    > {
        guard let last = found.last else {
            let hint = answer.isEmpty ? "the answer is empty" : "no command in the answer"
            return .failure(
                ParseFailure(
                    "\(hint); expected one of ENTER_LONG(limit, stop, target), ENTER_SHORT(limit, stop, target), "
                        + "UPDATE_STOP(price), UPDATE_TARGET(price), CANCEL_ALL(), WAIT(\"reason\")"))
        }
        return last
    }

    /// Every `KEYWORD(` of the answer, parsed, in order.
    static func candidates(in bytes: [UInt8]) -> [Result<Command, ParseFailure>] {
        var found: [Result<Command, ParseFailure>] = []
        var index = 0
        while index < bytes.count {
            guard isLetter(bytes[index]), index == 0 || !isIdentifier(bytes[index - 1]),
                let (keyword, end) = Keyword.match(bytes, at: index)
            else {
                index += 1
                continue
            }
            var cursor = end
            while cursor < bytes.count, bytes[cursor] == 32 || bytes[cursor] == 9 { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "(") else {
                index = end
                continue
            }
            let (result, next) = ArgumentReader(bytes: bytes, keywordStart: index, open: cursor).read(keyword)
            found.append(result)
            index = max(next, end)
        }
        return found
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    @inline(__always) static func isIdentifier(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "_")
    }
}

/// The six keywords and how they may be spelled.
enum Keyword: CaseIterable {
    case enterLong, enterShort, updateStop, updateTarget, cancelAll, wait

    var words: [[UInt8]] {
        switch self {
        case .enterLong: [Array("enter".utf8), Array("long".utf8)]
        case .enterShort: [Array("enter".utf8), Array("short".utf8)]
        case .updateStop: [Array("update".utf8), Array("stop".utf8)]
        case .updateTarget: [Array("update".utf8), Array("target".utf8)]
        case .cancelAll: [Array("cancel".utf8), Array("all".utf8)]
        case .wait: [Array("wait".utf8)]
        }
    }

    var spelling: String {
        switch self {
        case .enterLong: "ENTER_LONG"
        case .enterShort: "ENTER_SHORT"
        case .updateStop: "UPDATE_STOP"
        case .updateTarget: "UPDATE_TARGET"
        case .cancelAll: "CANCEL_ALL"
        case .wait: "WAIT"
        }
    }

    /// The keyword starting at `index` and the index after it, when one does and ends at a word end.
    static func match(_ bytes: [UInt8], at index: Int) -> (Keyword, Int)? {
        for keyword in allCases {
            var cursor = index
            var matched = true
            for (number, word) in keyword.words.enumerated() {
                if number > 0 {
                    guard cursor < bytes.count,
                        bytes[cursor] == UInt8(ascii: "_") || bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == 32
                    else {
                        matched = false
                        break
                    }
                    cursor += 1
                }
                guard ASCIISearch.matches(word, in: bytes, at: cursor) else {
                    matched = false
                    break
                }
                cursor += word.count
            }
            if matched, cursor == bytes.count || !CommandParser.isIdentifier(bytes[cursor]) {
                return (keyword, cursor)
            }
        }
        return nil
    }
}
