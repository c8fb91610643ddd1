/// One `"key": value` of a JSON object, kept in document order with the key's position, so that
/// messages can point at a misspelled or repeated key.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var keyPosition: JSONPosition
    public var value: JSONValue

    public init(key: String, keyPosition: JSONPosition, value: JSONValue) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
