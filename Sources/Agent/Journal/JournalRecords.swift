import Foundation
public import Execution
public import MarketData

/// Builders of the journal records that recovery reads back, shared by the loop and the tests so both
/// write exactly the same shape (docs/AGENT.md lists every record).
public enum JournalRecords {
    /// `{"type":"session",…}`: a run of `account` starts; records until the next `session` are its.
    public static func session(
        account: String, symbol: String, date: String, mode: String, broker: String, model: String, strategy: String,
        strategyHash: String, overrides: [String] = [], data: String?, at time: Timestamp
    ) -> JSONLine {
        var line = JSONLine(type: RecordType.session)
        line.time(time)
        line.field("account", account)
        line.field("symbol", symbol)
        line.field("date", date)
        line.field("mode", mode)
        line.field("broker", broker)
        line.field("model", model)
        line.field("strategy", strategy)
        line.field("strategy_hash", strategyHash)
        if !overrides.isEmpty { line.field("overrides", strings: overrides) }
        line.field("data", data)
        return line
    }

    /// `{"type":"snapshot","execution":{…}}`: the execution layer after a change.
    /// - Parameter sequence: the snapshot's number in the day (`seq`), which a checkpoint compares.
    public static func snapshot(_ snapshot: ExecutionSnapshot, at time: Timestamp, sequence: Int? = nil) -> JSONLine {
        var line = JSONLine(type: RecordType.snapshot)
        line.time(time)
        if let sequence { line.field("seq", sequence) }
        line.field("position", snapshot.account.position)
        line.field("realized_pl", price: snapshot.account.realizedPL)
        line.field("commissions", price: snapshot.account.commissions)
        line.field("daily_trades", snapshot.account.dailyTrades)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(snapshot)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        line.field("execution", rawJSON: json)
        return line
    }

    /// `{"type":"halt","reason":…}`: no more entries today.
    public static func halt(_ halt: Halt) -> JSONLine {
        var line = JSONLine(type: RecordType.halt)
        line.time(halt.time)
        line.field("reason", halt.reason)
        return line
    }
}
