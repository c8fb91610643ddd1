/// A JSON text that is not valid RFC 8259, at the first place it goes wrong.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var fileName: String
    public var position: JSONPosition
    /// What was expected there, e.g. `expected ',' or '}' after an object member`.
    public var message: String

    public init(fileName: String, position: JSONPosition, message: String) {
        self.fileName = fileName
        self.position = position
        self.message = message
    }

    /// `state.json:12:5: error: expected ',' or '}' after an object member`.
    public var description: String { "\(fileName):\(position): error: \(message)" }
}
