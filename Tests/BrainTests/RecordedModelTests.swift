import Brain
import Foundation
import Testing

@Suite struct RecordedModelTests {
    static let request = ModelRequest(messages: [.system("rules"), .user("state 1")])

    static func reply(_ answer: String) -> ModelReply {
        ModelReply(
            answer: answer, reasoning: "because", promptTokens: 1600, completionTokens: 12,
            timeToFirstToken: .microseconds(812_345), latency: .nanoseconds(2_345_678_901),
            model: "ollama:deepseek-r1:8b",
            finishReason: "stop")
    }

    @Test func promptHashIsSHA256OfTheCanonicalPrompt() {
        #expect(Self.request.canonicalPrompt == "<|system|>\nrules\n<|user|>\nstate 1\n")
        #expect(Self.request.promptHash == SHA256.hex("<|system|>\nrules\n<|user|>\nstate 1\n"))
        #expect(ModelRequest(messages: [.system("rules"), .user("state 2")]).promptHash != Self.request.promptHash)
    }

    @Test func recordLineShapeIsPinned() throws {
        let record = ModelReplyRecord(promptHash: "ab12", reply: Self.reply("WAIT(\"x\")"))
        #expect(
            try record.jsonLine()
                == #"{"answer":"WAIT(\"x\")","completion_tokens":12,"finish_reason":"stop","latency_us":2345678,"model":"ollama:deepseek-r1:8b","prompt_hash":"ab12","prompt_tokens":1600,"reasoning":"because","ttft_us":812345,"type":"model_reply"}"#
        )
        #expect(try ModelReplyRecord.decode(line: record.jsonLine()) == record)
        #expect(record.reply.latency == .microseconds(2_345_678))
        #expect(try ModelReplyRecord.decode(line: #"{"type":"fill","qty":100}"#) == nil)
    }

    @Test func repliesComeBackInOrderAndUnknownPromptsFail() async throws {
        let hash = Self.request.promptHash
        let journal = [
            #"{"type":"tick","time":"09:30:00.200"}"#,
            try ModelReplyRecord(promptHash: hash, reply: Self.reply("WAIT(\"first\")")).jsonLine(),
            #"{"type":"model_reply","prompt_hash":"\#(hash)","model":"m","answer":"CANCEL_ALL()","latency_us":5,"extra":"kept out"}"#,
            #"{"type":"model_reply","prompt_hash":"half-writ"#,
        ].joined(separator: "\n")
        let model = try RecordedModel(journal: journal, source: "run.jsonl")
        #expect(model.count == 2)
        #expect(try await model.complete(Self.request).answer == "WAIT(\"first\")")
        #expect(try await model.complete(Self.request).answer == "CANCEL_ALL()")
        #expect(try await model.complete(Self.request).latency == .microseconds(5))

        let other = ModelRequest(messages: [.system("rules"), .user("state 9")])
        let error = await modelError { try await model.complete(other) }
        #expect(error?.kind == .notRecorded)
        #expect(
            error?.message.hasPrefix(
                "run.jsonl has no reply for this prompt (hash \(other.promptHash.prefix(12))…, 2 replies recorded)")
                == true)
    }

    @Test func aDamagedLineInTheMiddleIsAnError() {
        #expect(throws: ModelError.self) {
            try RecordedModel(journal: "{oops\n{\"type\":\"tick\"}\n", source: "run.jsonl")
        }
        do {
            _ = try RecordedModel(journal: "{oops\n{\"type\":\"tick\"}\n", source: "run.jsonl")
        } catch let error as ModelError {
            #expect(error.message.hasPrefix("run.jsonl:1: not a journal record"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMissingJournalFileIsNamed() {
        #expect(throws: ModelError.self) { try RecordedModel(journalPath: "/nonexistent/run.jsonl") }
    }
}
