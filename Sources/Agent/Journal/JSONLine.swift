public import MarketData

/// Builds one journal line: a flat-or-nested JSON object written straight into a string, with keys in
/// the order they are added. Faster than an encoder on the hot path, and the key order stays stable so
/// a journal reads the same from line to line.
public struct JSONLine: Sendable {
    private(set) var text: String
    private var needsComma = false

    /// Starts an object whose first key is `type`.
    public init(type: String) {
        text = "{"
        text.reserveCapacity(256)
        field("type", type)
    }

    /// Starts an object with no keys (for nested objects).
    public init() {
        text = "{"
    }

    /// The finished object, without a newline.
    public var json: String { text + "}" }

    private mutating func key(_ name: String) {
        if needsComma { text += "," }
        needsComma = true
        text += "\""
        text += name
        text += "\":"
    }

    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        guard let value else { return text += "null" }
        Self.appendQuoted(value, to: &text)
    }

    public mutating func field(_ name: String, _ value: Int64?) {
        key(name)
        text += value.map { String($0) } ?? "null"
    }

    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        text += value.map { String($0) } ?? "null"
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    /// A ratio or a duration: finite numbers as written by Swift, non-finite ones as null.
    public mutating func field(_ name: String, _ value: Double?) {
        key(name)
        guard let value, value.isFinite else { return text += "null" }
        text += String(value)
    }

    /// A price or an amount of money with all four fixed-point decimals, so it reads back exactly.
    public mutating func field(_ name: String, price value: Price?) {
        key(name)
        text += value.map { $0.formatted(decimals: 4) } ?? "null"
    }

    /// A nested object.
    public mutating func field(_ name: String, object: JSONLine) {
        key(name)
        text += object.json
    }

    /// An array of already-encoded JSON values.
    public mutating func field(_ name: String, rawArray elements: [String]) {
        key(name)
        text += "["
        text += elements.joined(separator: ",")
        text += "]"
    }

    /// A value already encoded as JSON (an object from an encoder, for instance).
    public mutating func field(_ name: String, rawJSON: String) {
        key(name)
        text += rawJSON
    }

    /// An array of strings.
    public mutating func field(_ name: String, strings: [String]) {
        field(name, rawArray: strings.map { Self.quoted($0) })
    }

    /// Adds a session time as `time` (`HH:MM:SS.mmm`, for people) and `ns` (exact, for programs).
    public mutating func time(_ time: Timestamp) {
        field("time", time.clock)
        field("ns", time.nanos)
    }

    /// `value` as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var out = ""
        appendQuoted(value, to: &out)
        return out
    }

    static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
