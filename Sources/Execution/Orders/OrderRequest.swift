public import MarketData
public import StateVector

/// One order as we ask a broker to work it. A bracket is three requests submitted together: the
/// entry, and a stop and a target whose `parent` is the entry and which share an `ocaGroup`.
public struct OrderRequest: Hashable, Sendable, Codable {
    public var id: ClientOrderID
    public var side: TradeSide
    public var type: OrderType
    /// The limit price of a `LMT`, the trigger of a `STP`; nil for a `MKT`.
    public var price: Price?
    /// Shares, always positive.
    public var quantity: Int64
    public var role: OrderRole
    /// A child is held until its parent fills, and then works for the parent's filled quantity
    /// (IBKR attached orders: `parentId`).
    public var parent: ClientOrderID?
    /// One-cancels-other with reduce semantics: a fill of one member reduces the others by the same
    /// number of shares, and once the group is done the members that did not fill are cancelled
    /// (IBKR `ocaGroup`).
    public var ocaGroup: String?

    public init(
        id: ClientOrderID, side: TradeSide, type: OrderType, price: Price?, quantity: Int64, role: OrderRole,
        parent: ClientOrderID? = nil, ocaGroup: String? = nil
    ) {
        self.id = id
        self.side = side
        self.type = type
        self.price = price
        self.quantity = quantity
        self.role = role
        self.parent = parent
        self.ocaGroup = ocaGroup
    }

    /// `BUY 100 LMT 245.50 (GOOG-1-entry)`, for logs and messages.
    public var summary: String {
        let priceText = price.map { " \($0.display)" } ?? ""
        return "\(side.name) \(quantity) \(type.name)\(priceText) (\(id))"
    }

    private enum CodingKeys: String, CodingKey {
        case id, side, type, price, quantity, role, parent, ocaGroup
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ClientOrderID.self, forKey: .id)
        side = try container.decodeName(TradeSide.self, forKey: .side)
        type = try container.decodeName(OrderType.self, forKey: .type)
        price = try container.decodePriceIfPresent(forKey: .price)
        quantity = try container.decode(Int64.self, forKey: .quantity)
        role = try container.decodeName(OrderRole.self, forKey: .role)
        parent = try container.decodeIfPresent(ClientOrderID.self, forKey: .parent)
        ocaGroup = try container.decodeIfPresent(String.self, forKey: .ocaGroup)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name: side, forKey: .side)
        try container.encode(name: type, forKey: .type)
        try container.encodeIfPresent(price: price, forKey: .price)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(name: role, forKey: .role)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(ocaGroup, forKey: .ocaGroup)
    }
}
