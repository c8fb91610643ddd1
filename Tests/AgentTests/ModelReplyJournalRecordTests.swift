import Brain
import Foundation
import MarketData
import Testing

@testable import Agent

@Suite struct ModelReplyJournalRecordTests {
    private let asked = Timestamp(hours: 10, minutes: 0, seconds: 0)

    private func object(_ line: JSONLine) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any])
    }

    @Test func aReplyLineReplaysAsTheBrainsRecordAndCarriesTheLoopsKeys() throws {
        let reply = ModelReply(
            answer: "ENTER_LONG(245.50, 245.30, 246.80)", reasoning: "wall at \"247\"\nso target 246.80",
            promptTokens: 1600, completionTokens: 45, timeToFirstToken: .microseconds(812_345),
            latency: .microseconds(2_345_678), model: "ollama:deepseek-r1:8b", finishReason: "stop")
        let brain = ModelReplyRecord(promptHash: "ab12", reply: reply)
        let record = ModelReplyJournalRecord(
            reply: brain, time: asked + .milliseconds(2346), question: 7, askedAt: asked,
            chargedLatency: .microseconds(2_345_678), failure: nil)
        // RecordedModel reads the line back to exactly what the brain recorded.
        #expect(try ModelReplyRecord.decode(line: record.line.json) == brain)
        let keys = try object(record.line)
        #expect(keys["type"] as? String == "model_reply")
        #expect(keys["id"] as? Int == 7)
        #expect(keys["asked_ns"] as? Int64 == asked.nanos)
        #expect(keys["time"] as? String == "10:00:02.346")
        #expect(keys["charged_latency_ms"] as? Double == 2345.678)
        #expect(keys["failure"] is NSNull)
        #expect(record.line.json.hasPrefix(#"{"type":"model_reply","answer":"ENTER_LONG(245.50, 245.30, 246.80)","completion_tokens":45,"#))
    }

    @Test func aFailedAnswerIsAReplyLineWithItsFailure() throws {
        let record = ModelReplyJournalRecord(
            reply: nil, time: asked + .seconds(30), question: 3, askedAt: asked, chargedLatency: .seconds(30),
            failure: "ollama:deepseek-r1:8b: timed out after 30 s")
        let keys = try object(record.line)
        #expect(keys["type"] as? String == "model_reply")
        #expect(keys["failure"] as? String == "ollama:deepseek-r1:8b: timed out after 30 s")
        #expect(keys["charged_latency_ms"] as? Double == 30_000)
        #expect(keys["answer"] == nil)
        // Not a reply RecordedModel could replay: it lacks the brain's fields.
        #expect(throws: (any Error).self) { try ModelReplyRecord.decode(line: record.line.json) }
    }
}
