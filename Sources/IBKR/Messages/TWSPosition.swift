import MarketData

/// position (message 61): the account's holding of one contract.
public struct TWSPosition: Hashable, Sendable {
    public var account: String
    public var contract: TWSContract
    /// Shares, negative when short.
    public var position: Int64
    /// Average cost per share (commissions included, as TWS computes it).
    public var averageCost: Price?

    public init(account: String, contract: TWSContract, position: Int64, averageCost: Price?) {
        self.account = account
        self.contract = contract
        self.position = position
        self.averageCost = averageCost
    }
}
