/// JSON string literals, for output and for quoting input in messages.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else kept as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                out += "\\u00" + JSONReader.hex(scalar.value, digits: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Like `quoted(_:)`, cut to about `limit` characters with an ellipsis, for messages.
    static func quoted(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return quoted(text) }
        return quoted(String(text.prefix(limit))).dropLast() + "…\""
    }
}
