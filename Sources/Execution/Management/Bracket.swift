public import MarketData
public import StateVector

/// The current entry with its stop and target legs.
public struct Bracket: Hashable, Sendable, Codable {
    public var side: PositionSide
    public var entry: ClientOrderID
    public var stop: ClientOrderID
    public var target: ClientOrderID
    /// The entry's unfilled remainder is cancelled at this time (good-till); nil for no limit.
    public var expiresAt: Timestamp?

    public init(side: PositionSide, entry: ClientOrderID, stop: ClientOrderID, target: ClientOrderID, expiresAt: Timestamp?) {
        self.side = side
        self.entry = entry
        self.stop = stop
        self.target = target
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey { case side, entry, stop, target, expiresAt }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        side = try container.decodeName(PositionSide.self, forKey: .side)
        entry = try container.decode(ClientOrderID.self, forKey: .entry)
        stop = try container.decode(ClientOrderID.self, forKey: .stop)
        target = try container.decode(ClientOrderID.self, forKey: .target)
        expiresAt = try container.decodeIfPresent(Int64.self, forKey: .expiresAt).map(Timestamp.init(nanos:))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name: side, forKey: .side)
        try container.encode(entry, forKey: .entry)
        try container.encode(stop, forKey: .stop)
        try container.encode(target, forKey: .target)
        try container.encodeIfPresent(expiresAt?.nanos, forKey: .expiresAt)
    }
}
