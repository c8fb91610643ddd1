/// Everything an `OrderManager` needs to continue the day after a restart.
public struct OrderManagerSnapshot: Hashable, Sendable, Codable {
    /// The next order sequence number, so restored ids never collide with today's.
    public var nextSequence: Int
    /// Orders in submission order (done ones included: their ids stay taken).
    public var orders: [ManagedOrder]
    public var bracket: Bracket?
    /// The reason of a flatten still in progress.
    public var flattenReason: String?

    public init(nextSequence: Int, orders: [ManagedOrder], bracket: Bracket?, flattenReason: String?) {
        self.nextSequence = nextSequence
        self.orders = orders
        self.bracket = bracket
        self.flattenReason = flattenReason
    }
}
