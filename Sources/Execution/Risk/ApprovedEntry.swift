/// Proof that the `RiskManager` approved an entry. Only the risk manager can make one, and the
/// `OrderManager` places entries only against one: nothing can bypass the risk checks.
public struct ApprovedEntry: Hashable, Sendable {
    public let intent: EntryIntent

    init(_ intent: EntryIntent) { self.intent = intent }
}
