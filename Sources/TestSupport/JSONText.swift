import StateVector

/// Minimal JSON writing for the wire formats the test server speaks (no Foundation, exact bytes).
public enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    public static func string(_ text: String) -> String { JSONString.quoted(text) }

    /// Splits `text` into pieces of at most `size` characters, as a server streams tokens.
    public static func pieces(_ text: String, size: Int) -> [String] {
        var result: [String] = []
        var current = ""
        // Counted, not `current.count`, which walks the piece: quadratic for a piece of 200,000.
        var count = 0
        for character in text {
            current.append(character)
            count += 1
            if count >= max(1, size) {
                result.append(current)
                current = ""
                count = 0
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
