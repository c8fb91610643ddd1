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

extension ExecutionSnapshot {
    /// The snapshot with the broker reports journaled after it: a crash between a fill's record and
    /// the snapshot that follows it must not lose the fill (#16). Fills already booked (by execution
    /// id) change nothing; reports on orders the snapshot does not know still book their fills.
    public func applying(_ reports: [ExecutionReport]) -> ExecutionSnapshot {
        guard !reports.isEmpty else { return self }
        var account = Account(snapshot: self.account)
        var copy = self
        for report in reports {
            var continues = false
            if let index = copy.orders.orders.firstIndex(where: { $0.request.id == report.orderID }) {
                continues = copy.orders.orders[index].continuesTrade
                copy.orders.orders[index].apply(report)
            }
            if case .fill(let fill) = report.event { account.apply(fill, continuesTrade: continues) }
        }
        copy.account = account.snapshot
        return copy
    }
}
