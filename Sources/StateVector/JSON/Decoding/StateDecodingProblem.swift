/// One thing wrong with a state document, where it is and what was expected.
public struct StateDecodingProblem: Hashable, Sendable, CustomStringConvertible {
    public var fileName: String
    public var position: JSONPosition
    /// The JSON path of the value, e.g. `$.MARKET_STATE.DOM_WALLS[0].price`; nil for a syntax error.
    public var path: String?
    /// What was expected and found, e.g. `expected a number, found "high"`.
    public var message: String

    public init(fileName: String, position: JSONPosition, path: String?, message: String) {
        self.fileName = fileName
        self.position = position
        self.path = path
        self.message = message
    }

    /// `state.json:56:21: error: $.MARKET_STATE.L2_IMBALANCE: expected a number, found "high"`.
    public var description: String {
        let location = "\(fileName):\(position): error: "
        guard let path else { return location + message }
        return location + path + ": " + message
    }
}
