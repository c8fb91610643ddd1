import MarketData

/// Reads the fields of one message in order, each read typed and failing with the message id, the
/// field index and what was there. Never traps, whatever the bytes.
public struct TWSFieldReader: Sendable {
    public let fields: [String]
    public private(set) var index: Int
    public let messageID: Int

    /// Starts after the message id (and after the version field when `skipVersion`).
    public init(_ frame: TWSFrame, skipVersion: Bool = false) {
        self.fields = frame.fields
        self.messageID = frame.messageID ?? -1
        self.index = skipVersion ? 2 : 1
    }

    public var isAtEnd: Bool { index >= fields.count }
    public var remaining: Int { max(0, fields.count - index) }

    public mutating func string() throws -> String {
        guard index < fields.count else { throw error("a field") }
        defer { index += 1 }
        return fields[index]
    }

    /// A string that may be missing at the end of a message from an older server.
    public mutating func optionalString() -> String? {
        guard index < fields.count else { return nil }
        defer { index += 1 }
        return fields[index]
    }

    public mutating func skip(_ count: Int = 1) throws {
        guard index + count <= fields.count else { throw error("\(count) more field(s)") }
        index += count
    }

    /// An integer; empty and the unset sentinels read as `defaultValue` when one is given.
    public mutating func int(default defaultValue: Int? = nil) throws -> Int {
        let text = try string()
        if let value = Int(text) { return value }
        if let defaultValue, Self.isUnset(text) { return defaultValue }
        throw previousError("an integer")
    }

    public mutating func int64(default defaultValue: Int64? = nil) throws -> Int64 {
        let text = try string()
        if let value = Int64(text) { return value }
        if let defaultValue, Self.isUnset(text) { return defaultValue }
        throw previousError("an integer")
    }

    public mutating func bool() throws -> Bool {
        let text = try string()
        switch text {
        case "1", "true", "True": return true
        case "0", "false", "False", "": return false
        default: throw previousError("a boolean 0 or 1")
        }
    }

    /// A double; nil for empty and for the unset sentinel.
    public mutating func double() throws -> Double? {
        let text = try string()
        if Self.isUnset(text) { return nil }
        switch text {
        case "Infinity", "Infinite": return .infinity
        case "-Infinity", "-Infinite": return -.infinity
        default: break
        }
        guard let value = Double(text), !value.isNaN else { throw previousError("a number") }
        return value
    }

    /// A price; nil when unset. Java prints doubles such as `30.009999999999998`: round to 1/10,000.
    public mutating func price() throws -> Price? {
        guard let value = try double() else { return nil }
        guard let price = Price(rounding: value) else { throw previousError("a price") }
        return price
    }

    /// A quantity of shares (a decimal string from server version 163); unset reads as 0.
    public mutating func shares() throws -> Int64 {
        guard let value = try double() else { return 0 }
        guard value.isFinite, abs(value) < 1e15 else { throw previousError("a number of shares") }
        return Int64(value.rounded())
    }

    /// True for the encodings of "no value": empty, max int, max long, max double.
    public static func isUnset(_ text: String) -> Bool {
        switch text {
        case "", "2147483647", "9223372036854775807", "1.7976931348623157E308", "1.7976931348623157e+308",
            "1.7976931348623157e308":
            return true
        default:
            return false
        }
    }

    private func error(_ expected: String) -> TWSProtocolError {
        TWSProtocolError.field(messageID, index, expected: expected, got: nil)
    }

    private func previousError(_ expected: String) -> TWSProtocolError {
        TWSProtocolError.field(messageID, index - 1, expected: expected, got: fields[index - 1])
    }
}
