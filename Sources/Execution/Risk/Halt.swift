public import MarketData

/// The day's trading is over: entries are refused until the next session. Persisted in the
/// snapshot, so no restart can lift it.
public struct Halt: Hashable, Sendable, Codable {
    public var time: Timestamp
    /// `daily P&L -512.30 reached max daily loss 500.00`.
    public var reason: String

    public init(time: Timestamp, reason: String) {
        self.time = time
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case time, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        time = try container.decodeTime(forKey: .time)
        reason = try container.decode(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time: time, forKey: .time)
        try container.encode(reason, forKey: .reason)
    }
}
