/// openOrder (message 5): the fixed head the agent needs, with the order's status.
public struct TWSOpenOrder: Hashable, Sendable {
    public var order: TWSOrder
    public var contract: TWSContract
    public var clientID: Int
    public var permID: Int64
    public var status: String

    public init(order: TWSOrder, contract: TWSContract, clientID: Int, permID: Int64, status: String) {
        self.order = order
        self.contract = contract
        self.clientID = clientID
        self.permID = permID
        self.status = status
    }
}
