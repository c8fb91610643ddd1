public import Execution
public import MarketData

/// What a restart needs from the day's journal so that a crash changes nothing: the execution layer's
/// last snapshot (position, cost, realized P&L, commissions, trade count, orders) and any halt.
public struct RecoveredDay: Sendable {
    /// The last `snapshot` record of this account, with any journaled halt folded in.
    public var execution: ExecutionSnapshot?
    /// The latest session time any record of this account carried.
    public var lastTime: Timestamp?
    /// Runs of this account found in the journal.
    public var sessions = 0
    /// Records read.
    public var lines = 0
    /// The damaged last line (a crash mid-write), if there was one.
    public var corruptTail: String?
    /// Broker reports found after the last snapshot and booked onto it (a crash between them).
    public var reportsAfterSnapshot = 0
    /// The number of the day's last snapshot (continued by the next run's snapshots).
    public var lastSequence = 0
    /// Why the day came from the checkpoint rather than the journal: its tail was lost.
    public var lostTail: String?

    public init() {}

    public var halt: Halt? { execution?.halt }
    public var position: Int64 { execution?.account.position ?? 0 }
    public var realizedPL: Money { execution?.account.realizedPL ?? .zero }
    public var commissions: Money { execution?.account.commissions ?? .zero }
    public var dailyTrades: Int64 { execution?.account.dailyTrades ?? 0 }
    /// Orders the snapshot says were still working.
    public var openOrders: [ManagedOrder] { execution?.orders.orders.filter { !$0.state.isTerminal } ?? [] }

    /// True when there is nothing to restore.
    public var isEmpty: Bool { execution == nil }

    /// One line for the terminal and the journal: what was restored.
    public var summary: String {
        guard execution != nil else { return "nothing to restore" }
        var text = "restored \(sessions) earlier run(s): realized \(realizedPL.formatted(decimals: 2)), "
            + "commissions \(commissions.formatted(decimals: 2)), trades \(dailyTrades), position \(position), "
            + "\(openOrders.count) working order(s)"
        if reportsAfterSnapshot > 0 { text += " (\(reportsAfterSnapshot) broker report(s) after the last snapshot booked)" }
        if let halt { text += ", HALTED since \(halt.time.clock): \(halt.reason)" }
        if let lostTail { text += "; WARNING: \(lostTail)" }
        return text
    }
}
