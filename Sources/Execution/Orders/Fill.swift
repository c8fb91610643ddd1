public import MarketData
public import StateVector

/// One execution of an order (IBKR `execDetails` plus its `commissionReport`). A marketable order
/// that sweeps three price levels fills three times.
public struct Fill: Hashable, Sendable, Codable {
    /// Unique per execution: a broker may repeat an execution (IBKR after a reconnect) and the
    /// account counts each id once.
    public var executionID: String
    public var side: TradeSide
    public var price: Price
    public var quantity: Int64
    /// The commission of this execution; the per-order minimum is charged on the first fill.
    public var commission: Money
    /// True when the order rested and was hit (maker), false when it took liquidity.
    public var addedLiquidity: Bool

    public init(
        executionID: String, side: TradeSide, price: Price, quantity: Int64, commission: Money, addedLiquidity: Bool
    ) {
        self.executionID = executionID
        self.side = side
        self.price = price
        self.quantity = quantity
        self.commission = commission
        self.addedLiquidity = addedLiquidity
    }

    private enum CodingKeys: String, CodingKey {
        case executionID, side, price, quantity, commission, addedLiquidity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        executionID = try container.decode(String.self, forKey: .executionID)
        side = try container.decodeName(TradeSide.self, forKey: .side)
        price = try container.decodePrice(forKey: .price)
        quantity = try container.decode(Int64.self, forKey: .quantity)
        commission = try container.decodePrice(forKey: .commission)
        addedLiquidity = try container.decode(Bool.self, forKey: .addedLiquidity)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(executionID, forKey: .executionID)
        try container.encode(name: side, forKey: .side)
        try container.encode(price: price, forKey: .price)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(price: commission, forKey: .commission)
        try container.encode(addedLiquidity, forKey: .addedLiquidity)
    }
}
