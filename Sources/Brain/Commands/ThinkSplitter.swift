/// Splits a reply into reasoning and answer at its `<think>` tags.
///
/// Reasoning models write `<think>…</think>` before the answer; some chat templates open the block in
/// the prompt, so the reply holds only the closing tag. Everything before the last `</think>` is
/// reasoning (tags removed); what follows it is the answer. A `<think>` in the answer that never
/// closes means the reply was cut off while reasoning.
public enum ThinkSplitter {
    /// The halves of a reply.
    public struct Split: Hashable, Sendable {
        /// Reasoning text, trimmed; nil when the reply had none.
        public var reasoning: String?
        /// The answer, where the command is.
        public var answer: String
        /// True when a `<think>` block was opened in the answer and never closed.
        public var unterminated: Bool
    }

    static let open = Array("<think>".utf8)
    static let close = Array("</think>".utf8)

    /// Splits `text`; tags match case-insensitively.
    public static func split(_ text: String) -> Split {
        let bytes = Array(text.utf8)
        var reasoningBytes: [UInt8] = []
        var answerStart = 0
        if let lastClose = ASCIISearch.lastIndex(of: close, in: bytes) {
            reasoningBytes = Array(bytes[..<lastClose])
            answerStart = lastClose + close.count
        }
        var answerBytes = Array(bytes[answerStart...])
        var unterminated = false
        if let openInAnswer = ASCIISearch.firstIndex(of: open, in: answerBytes, from: 0) {
            if !reasoningBytes.isEmpty { reasoningBytes.append(UInt8(ascii: "\n")) }
            reasoningBytes += answerBytes[(openInAnswer + open.count)...]
            answerBytes = Array(answerBytes[..<openInAnswer])
            unterminated = true
        }
        let reasoning = trimmed(String(decoding: removingTags(reasoningBytes), as: UTF8.self))
        return Split(
            reasoning: reasoning.isEmpty ? nil : reasoning,
            answer: trimmed(String(decoding: answerBytes, as: UTF8.self)),
            unterminated: unterminated)
    }

    private static func removingTags(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if ASCIISearch.matches(open, in: bytes, at: index) {
                index += open.count
            } else if ASCIISearch.matches(close, in: bytes, at: index) {
                index += close.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// Case-insensitive search of ASCII patterns in UTF-8 bytes (multi-byte characters never match an
/// ASCII byte, so a byte-wise search cannot split a character).
enum ASCIISearch {
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where lower(bytes[index + offset]) != lower(pattern[offset]) {
            return false
        }
        return true
    }

    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for index in start...(bytes.count - pattern.count) where matches(pattern, in: bytes, at: index) {
            return index
        }
        return nil
    }

    static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for index in stride(from: bytes.count - pattern.count, through: 0, by: -1)
        where matches(pattern, in: bytes, at: index) {
            return index
        }
        return nil
    }
}
