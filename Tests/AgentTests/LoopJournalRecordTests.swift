import Foundation
import MarketData
import Testing

@testable import Agent

/// The loop's typed records write the lines the binary wrote before they were typed, byte for
/// byte: each tick, exit and stop line of the old journal is read back into its record and encoded
/// again.
@Suite struct LoopJournalRecordTests {
    private static func lines(_ type: String) throws -> [String] {
        let url = OldJournalRecoveryTests.fixtures.appendingPathComponent("journal-eager.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(#"{"type":"\#(type)""#) }
    }

    private static func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// A journal price (four decimals) back to a `Price`, from its text so nothing is rounded.
    private static func price(_ line: String, _ key: String) -> Price? {
        guard let range = line.range(of: "\"\(key)\":") else { return nil }
        let rest = line[range.upperBound...]
        let text = rest.prefix { $0 != "," && $0 != "}" }
        return text == "null" ? nil : Price(parsing: text)
    }

    @Test func tickExitAndStopLinesAreWrittenAsBefore() throws {
        var checked = 0
        for line in try Self.lines("tick") {
            let o = try Self.object(line)
            let record = LoopJournalRecord.tick(
                time: Timestamp(nanos: try #require(o["ns"] as? Int64)), last: Self.price(line, "last"), bid: Self.price(line, "bid"),
                ask: Self.price(line, "ask"), position: try #require(o["position"] as? Int64),
                dailyPL: try #require(Self.price(line, "daily_pl")), orders: try #require(o["orders"] as? Int))
            #expect(record.line.json == line)
            checked += 1
        }
        for line in try Self.lines("exit") {
            let o = try Self.object(line)
            let record = LoopJournalRecord.exit(
                time: Timestamp(nanos: try #require(o["ns"] as? Int64)), rule: try #require(o["rule"] as? String),
                when: try #require(o["when"] as? String), action: try #require(o["action"] as? String), price: Self.price(line, "price"),
                readings: try #require(o["readings"] as? String), result: try #require(o["result"] as? String))
            #expect(record.line.json == line)
            checked += 1
        }
        for line in try Self.lines("stop") {
            let o = try Self.object(line)
            let record = LoopJournalRecord.stop(
                time: Timestamp(nanos: try #require(o["ns"] as? Int64)), reason: try #require(o["reason"] as? String),
                flat: try #require(o["flat"] as? Bool), position: try #require(o["position"] as? Int64),
                realizedPL: try #require(Self.price(line, "realized_pl")), commissions: try #require(Self.price(line, "commissions")),
                dailyPL: try #require(Self.price(line, "daily_pl")), dailyTrades: try #require(o["daily_trades"] as? Int64),
                halted: o["halted"] as? String)
            #expect(record.line.json == line)
            checked += 1
        }
        #expect(checked == 20)
    }
}
