public import MarketData

/// Everything an `Account` needs to continue the day after a restart.
public struct AccountSnapshot: Hashable, Sendable, Codable {
    public var position: Int64
    public var costBasis: Money
    public var realizedPL: Money
    public var commissions: Money
    public var dailyTrades: Int64
    public var bid: Price?
    public var ask: Price?
    public var executionIDs: [String]

    public init(
        position: Int64, costBasis: Money, realizedPL: Money, commissions: Money, dailyTrades: Int64, bid: Price?,
        ask: Price?, executionIDs: [String]
    ) {
        self.position = position
        self.costBasis = costBasis
        self.realizedPL = realizedPL
        self.commissions = commissions
        self.dailyTrades = dailyTrades
        self.bid = bid
        self.ask = ask
        self.executionIDs = executionIDs
    }

    private enum CodingKeys: String, CodingKey {
        case position, costBasis, realizedPL, commissions, dailyTrades, bid, ask, executionIDs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        position = try container.decode(Int64.self, forKey: .position)
        costBasis = try container.decodePrice(forKey: .costBasis)
        realizedPL = try container.decodePrice(forKey: .realizedPL)
        commissions = try container.decodePrice(forKey: .commissions)
        dailyTrades = try container.decode(Int64.self, forKey: .dailyTrades)
        bid = try container.decodePriceIfPresent(forKey: .bid)
        ask = try container.decodePriceIfPresent(forKey: .ask)
        executionIDs = try container.decodeIfPresent([String].self, forKey: .executionIDs) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position, forKey: .position)
        try container.encode(price: costBasis, forKey: .costBasis)
        try container.encode(price: realizedPL, forKey: .realizedPL)
        try container.encode(price: commissions, forKey: .commissions)
        try container.encode(dailyTrades, forKey: .dailyTrades)
        try container.encodeIfPresent(price: bid, forKey: .bid)
        try container.encodeIfPresent(price: ask, forKey: .ask)
        try container.encode(executionIDs, forKey: .executionIDs)
    }
}
