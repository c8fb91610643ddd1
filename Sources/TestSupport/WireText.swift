import StateVector

/// Minimal JSON writing for the wire formats the test server speaks (no Foundation, exact bytes).
/// Escaping is StateVector's `JSONText`, the package's one escaper.
public enum WireText {
    /// `text` as a JSON string literal, quotes included.
    public static func string(_ text: String) -> String {
        JSONText.quoted(text)
    }

    /// Splits `text` into pieces of at most `size` characters, as a server streams tokens.
    public static func pieces(_ text: String, size: Int) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if current.count >= max(1, size) {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
