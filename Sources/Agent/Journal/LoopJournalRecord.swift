public import MarketData

/// The loop's own journal records: what `AgentCore` journals apart from orders, fills and verdicts
/// (`OrderJournalRecord`, `VerdictJournalRecord`, `ModelReplyJournalRecord`). Each case encodes to
/// the line the journal has always carried, keys in the same order.
public enum LoopJournalRecord: Sendable {
    /// A sampled tick: the touch, the position, the day's P&L, orders working.
    case tick(time: Timestamp, last: Price?, bid: Price?, ask: Price?, position: Int64, dailyPL: Money, orders: Int)
    /// A question sent to the model, with the checklist's call on it.
    case modelRequest(time: Timestamp, id: Int, checklist: ChecklistCall, position: Int64)
    /// The question in flight given up, and why.
    case modelCancelled(time: Timestamp, id: Int, askedAt: Timestamp, reason: String)
    /// A compiled exit rule fired; `result` is `done` or the risk manager's refusal.
    case exit(time: Timestamp, rule: String, when: String, action: String, price: Price?, readings: String, result: String)
    /// An edited strategy file took over at a tick.
    case reloadSwapped(time: Timestamp, strategy: String, hash: String, previousHash: String, notes: [String])
    /// An edited strategy file did not compile; the running one stays.
    case reloadRejected(time: Timestamp, runningHash: String, diagnostics: String)
    /// New entries blocked (why) or allowed again (nil).
    case entryBlock(time: Timestamp, reason: String?)
    /// The day so far, read back from the journal at start.
    case recovered(time: Timestamp, summary: String, sessions: Int, corruptTail: String?)
    /// The end of the run.
    case stop(
        time: Timestamp, reason: String, flat: Bool, position: Int64, realizedPL: Money, commissions: Money, dailyPL: Money,
        dailyTrades: Int64, halted: String?)

    public var line: JSONLine {
        switch self {
        case .tick(let time, let last, let bid, let ask, let position, let dailyPL, let orders):
            var line = JSONLine(type: RecordType.tick)
            line.time(time)
            line.field("last", price: last)
            line.field("bid", price: bid)
            line.field("ask", price: ask)
            line.field("position", position)
            line.field("daily_pl", price: dailyPL)
            line.field("orders", orders)
            return line
        case .modelRequest(let time, let id, let checklist, let position):
            var line = JSONLine(type: RecordType.modelRequest)
            line.time(time)
            line.field("id", id)
            line.field("checklist", checklist.rawValue)
            line.field("position", position)
            return line
        case .modelCancelled(let time, let id, let askedAt, let reason):
            var line = JSONLine(type: RecordType.modelCancelled)
            line.time(time)
            line.field("id", id)
            line.field("asked", askedAt.clock)
            line.field("reason", reason)
            return line
        case .exit(let time, let rule, let when, let action, let price, let readings, let result):
            var line = JSONLine(type: RecordType.exit)
            line.time(time)
            line.field("rule", rule)
            line.field("when", when)
            line.field("action", action)
            line.field("price", price: price)
            line.field("readings", readings)
            line.field("result", result)
            return line
        case .reloadSwapped(let time, let strategy, let hash, let previousHash, let notes):
            var line = JSONLine(type: RecordType.reload)
            line.time(time)
            line.field("result", "swapped")
            line.field("strategy", strategy)
            line.field("hash", hash)
            line.field("previous_hash", previousHash)
            line.field("notes", strings: notes)
            return line
        case .reloadRejected(let time, let runningHash, let diagnostics):
            var line = JSONLine(type: RecordType.reload)
            line.time(time)
            line.field("result", "rejected")
            line.field("running_hash", runningHash)
            line.field("diagnostics", diagnostics)
            return line
        case .entryBlock(let time, let reason):
            var line = JSONLine(type: RecordType.entryBlock)
            line.time(time)
            line.field("reason", reason)
            return line
        case .recovered(let time, let summary, let sessions, let corruptTail):
            var line = JSONLine(type: RecordType.recovered)
            line.time(time)
            line.field("summary", summary)
            line.field("sessions", sessions)
            line.field("corrupt_tail", corruptTail)
            return line
        case .stop(let time, let reason, let flat, let position, let realizedPL, let commissions, let dailyPL, let dailyTrades, let halted):
            var line = JSONLine(type: RecordType.stop)
            line.time(time)
            line.field("reason", reason)
            line.field("flat", flat)
            line.field("position", position)
            line.field("realized_pl", price: realizedPL)
            line.field("commissions", price: commissions)
            line.field("daily_pl", price: dailyPL)
            line.field("daily_trades", dailyTrades)
            line.field("halted", halted)
            return line
        }
    }
}
