import Brain
import Foundation
import Testing

/// #11 item 6: a backtest against a real local model (scripts/local-model: llama.cpp's server with
/// Gemma 3 270M, its replies grammar-constrained, its think block cut by a budget of 24 tokens).
/// `scripts/test` starts the server and sets `FSD_REAL_MODEL` to its `--model` value; without it
/// the test is skipped. The model's decisions are nonsense; what is checked is that the loop around
/// a real server keeps its promises, from the journal alone.
@Suite(.serialized) struct RealModelBacktestTests {
    static let model = ProcessInfo.processInfo.environment["FSD_REAL_MODEL"].flatMap { $0.isEmpty ? nil : $0 }

    typealias Record = [String: Any]

    @Test(.enabled(if: model != nil, "set FSD_REAL_MODEL (scripts/test does, after scripts/local-model start)"))
    func everyDecisionOfARealModelIsJournaledJudgedAndChargedAsItHappened() throws {
        let model = try #require(Self.model)
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-real-model-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let strategy = RunProcess.fixtures.appendingPathComponent("real-model.yaml").path
        let started = Date()
        let outcome = try RunProcess.run([
            "backtest", "--strategy", strategy, "--model", model, "--from", "10:00", "--to", "10:03", "--journal", journal, "--json",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        print("real-model backtest: \(Int(Date().timeIntervalSince(started))) s wall for 3 minutes of data")
        let records = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? Record)
        }
        let replies = records.filter { $0["type"] as? String == "model_reply" }
        let verdicts = records.filter { $0["type"] as? String == "verdict" }
        // The setups of the window were asked about, and every question was answered or failed.
        let requests = records.filter { $0["type"] as? String == "model_request" }
        #expect(requests.count >= 3, "\(requests.count) questions")
        #expect(replies.count == requests.count)

        for (index, reply) in records.enumerated() where reply["type"] as? String == "model_reply" {
            let id = try #require(reply["id"] as? Int)
            // Its verdict follows it, or, identical to the verdict before, was folded into that one.
            let following = records[(index + 1)...].prefix { $0["type"] as? String != "model_reply" }
                .first { $0["type"] as? String == "verdict" && $0["id"] as? Int == id }
            let verdict = try #require(
                following ?? records[..<index].last { $0["type"] as? String == "verdict" }, "no verdict for question \(id)")
            if let failure = reply["failure"] as? String {
                #expect((verdict["command"] as? String ?? "").hasPrefix("WAIT("), "failed request \(id) became \(verdict)")
                #expect(!failure.isEmpty)
                continue
            }
            // The latency charged in data time is the one measured on the wall clock.
            let charged = try #require(reply["charged_latency_ms"] as? Double)
            let measured = Double(try #require(reply["latency_us"] as? Int)) / 1000
            #expect(abs(charged - measured) < 0.001, "question \(id): charged \(charged) ms, measured \(measured) ms")
            if let budget = reply["think_budget"] as? Record {
                let parts = (budget["thinking_ms"] as? Double ?? 0) + (budget["answer_ms"] as? Double ?? 0)
                #expect(abs(parts - charged) < 0.01)
            }
            // An unparseable reply is a WAIT, and its raw text is in the journal.
            let raw = reply["answer"] as? String ?? ""
            let parsed = CommandParser.parse(raw, reasoning: reply["reasoning"] as? String)
            if parsed.failure != nil {
                #expect((verdict["command"] as? String ?? "").hasPrefix("WAIT("), "unparseable \(raw) became \(verdict)")
                #expect(verdict["verdict"] as? String == "wait")
                #expect(!raw.isEmpty || reply["finish_reason"] != nil)
            } else {
                #expect(verdict["command"] as? String == parsed.command.description)
            }
        }

        // Every entry order follows an accepted verdict whose command and checklist (at arrival,
        // the gate mode of this strategy) agree on the side.
        for (index, record) in records.enumerated()
        where record["type"] as? String == "order" && record["action"] as? String == "submit" && record["role"] as? String == "entry" {
            let verdict = try #require(
                records[..<index].last { $0["type"] as? String == "verdict" }, "an entry order with no verdict before it")
            #expect(verdict["verdict"] as? String == "accepted")
            #expect(verdict["gate"] as? String == "arrival")
            let buy = record["side"] as? String == "BUY"
            #expect((verdict["command"] as? String ?? "").hasPrefix(buy ? "ENTER_LONG(" : "ENTER_SHORT("))
            #expect(verdict["checklist_at_arrival"] as? String == (buy ? "LONG" : "SHORT"))
        }
        let summary = try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? Record)
        let decisions = try #require(summary["decisions"] as? [String: Int])
        #expect(decisions.values.reduce(0, +) >= verdicts.count)
    }
}
