/// A parsed JSON value with the position of its first character. Objects keep their members in
/// document order, duplicates included (the reader decides whether a repeat is an error), and
/// numbers keep their exact text, so `245.50` can become a fixed-point price without passing
/// through `Double`.
public struct JSONValue: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case null
        case bool(Bool)
        /// The number exactly as written, e.g. `245.50` or `-1e3`; valid RFC 8259 syntax.
        case number(String)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    public var kind: Kind
    public var position: JSONPosition

    public init(_ kind: Kind, at position: JSONPosition) {
        self.kind = kind
        self.position = position
    }

    /// The first member named `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = kind, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var isNull: Bool { kind == .null }

    public var stringValue: String? {
        guard case .string(let text) = kind else { return nil }
        return text
    }

    public var boolValue: Bool? {
        guard case .bool(let value) = kind else { return nil }
        return value
    }

    /// The exact text of a number.
    public var numberText: String? {
        guard case .number(let text) = kind else { return nil }
        return text
    }

    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = kind else { return nil }
        return elements
    }

    public var objectMembers: [JSONMember]? {
        guard case .object(let members) = kind else { return nil }
        return members
    }
}
