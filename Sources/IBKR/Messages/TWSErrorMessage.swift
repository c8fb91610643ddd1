/// An error or notice from TWS (message 4). Codes are listed in TWS-PROTOCOL.md 1.3.
public struct TWSErrorMessage: Hashable, Sendable, CustomStringConvertible {
    /// -1 for system notices, else the order id or request id it is about.
    public var id: Int
    public var code: Int
    public var text: String
    public var advancedOrderRejectJSON: String

    public init(id: Int, code: Int, text: String, advancedOrderRejectJSON: String = "") {
        self.id = id
        self.code = code
        self.text = text
        self.advancedOrderRejectJSON = advancedOrderRejectJSON
    }

    /// Farm status and other 2100-2199 notices: informational only.
    public var isWarning: Bool { (2100...2199).contains(code) || code == 10167 || code == 399 }

    public var description: String { "TWS \(code) (id \(id)): \(text)" }
}
