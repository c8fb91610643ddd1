import Brain
import Execution
import Foundation
import MarketData
import Testing

@testable import Agent

/// The typed journal records write the lines the binary wrote before they were typed, byte for byte:
/// each line of the old journal is read back into its record and encoded again.
@Suite struct JournalWireFormatTests {
    private static func lines(_ type: String) throws -> [String] {
        let url = OldJournalRecoveryTests.fixtures.appendingPathComponent("journal-eager.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(#"{"type":"\#(type)""#) }
    }

    private struct Verdict: Decodable {
        var ns: Int64
        var id: Int?
        var command: String
        var verdict: String
        var reason: String
        var age_ms: Double?
        var checklist_at_ask: String?
        var checklist_at_arrival: String
        var previous_repeated: Int?
    }

    private struct Order: Decodable {
        var ns: Int64
        var action: String
        var id: String?
        var reason: String?
    }

    @Test func verdictLinesAreWrittenAsBefore() throws {
        let lines = try Self.lines("verdict")
        #expect(lines.count == 29)
        for line in lines {
            let old = try JSONDecoder().decode(Verdict.self, from: Data(line.utf8))
            let time = Timestamp(nanos: old.ns)
            let kind = try #require(GateVerdict.Kind(rawValue: old.verdict))
            let record = VerdictJournalRecord(
                verdict: GateVerdict(kind, old.reason), command: CommandParser.parse(old.command).command,
                question: old.id, askedAt: old.age_ms.map { time - .nanoseconds(Int64($0 * 1e6)) },
                callAtAsk: old.checklist_at_ask.flatMap(ChecklistCall.init(rawValue:)),
                callAtArrival: try #require(ChecklistCall(rawValue: old.checklist_at_arrival)), time: time,
                previousRepeated: old.previous_repeated ?? 0)
            #expect(record.line.json == line)
        }
    }

    @Test func cancelAndFlattenLinesAreWrittenAsBefore() throws {
        var checked = 0
        for line in try Self.lines("order") {
            let old = try JSONDecoder().decode(Order.self, from: Data(line.utf8))
            let time = Timestamp(nanos: old.ns)
            let record: OrderJournalRecord
            switch old.action {
            case "cancel": record = .cancelRequested(ClientOrderID(old.id ?? ""), reason: old.reason ?? "", at: time)
            case "flatten": record = .flattenStarted(reason: old.reason ?? "", at: time)
            case "flat": record = .flattenCompleted(at: time)
            default: continue
            }
            #expect(record.line.json == line)
            checked += 1
        }
        #expect(checked == 9)
    }
}
