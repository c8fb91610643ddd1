/// A strict RFC 8259 JSON parser that keeps what `JSONSerialization` loses: key order, duplicate
/// keys, the exact text of numbers and the line:column of every value.
///
/// It never traps and never recurses deeper than `maxDepth`, whatever the bytes; a UTF-8 byte order
/// mark at the start is skipped. The first syntax error stops parsing (later positions would only
/// echo the first mistake).
public enum JSONParser {
    /// Deep enough for any document we read (the state vector nests 4 levels), shallow enough that
    /// recursion cannot exhaust the stack.
    public static let defaultMaxDepth = 128

    /// Parses one JSON document.
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - fileName: how messages name the input, e.g. `state.json`.
    ///   - maxDepth: the most arrays and objects that may be open at once.
    /// - Throws: `JSONSyntaxError` at the first place the text is not JSON.
    public static func parse(
        _ bytes: [UInt8], fileName: String, maxDepth: Int = defaultMaxDepth
    ) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, fileName: fileName, maxDepth: max(1, min(maxDepth, 10_000)))
        return try reader.parseDocument()
    }

    /// Parses one JSON document from a string.
    public static func parse(
        _ text: String, fileName: String, maxDepth: Int = defaultMaxDepth
    ) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), fileName: fileName, maxDepth: maxDepth)
    }
}
