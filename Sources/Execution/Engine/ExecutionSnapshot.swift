/// The execution layer's state for a restart on the same day: the account, the orders and the
/// halt. The agent's journal stores it; a halt in it stays in force after the restart.
public struct ExecutionSnapshot: Hashable, Sendable, Codable {
    /// `YYYY-MM-DD` of the session it belongs to; a snapshot of another day must not be restored.
    public var session: String
    public var account: AccountSnapshot
    public var orders: OrderManagerSnapshot
    public var halt: Halt?

    public init(session: String, account: AccountSnapshot, orders: OrderManagerSnapshot, halt: Halt?) {
        self.session = session
        self.account = account
        self.orders = orders
        self.halt = halt
    }
}
