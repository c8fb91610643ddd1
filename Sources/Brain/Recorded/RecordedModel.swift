#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Answers from an earlier run's journal, so a backtest re-runs bit-for-bit without a model.
///
/// Replies are keyed by `ModelRequest.promptHash`. A prompt asked several times gets its recorded
/// replies in order (the last one again once they run out). A prompt that was never recorded fails
/// with `ModelError` of kind `.notRecorded`: the replay is no longer the recorded run.
public actor RecordedModel: LanguageModel {
    public nonisolated let name: String
    private let source: String
    private var replies: [String: [ModelReplyRecord]]
    private var served: [String: Int] = [:]
    /// Number of `model_reply` records read.
    public nonisolated let count: Int

    /// Reads every `model_reply` line of a journal (other lines are skipped).
    public init(journalPath: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: journalPath, encoding: .utf8)
        } catch {
            throw ModelError(.unreadableRecording, "cannot read the journal \(journalPath): \(error)")
        }
        try self.init(journal: text, source: journalPath)
    }

    /// Reads the records of a journal's text; `source` names it in messages.
    public init(journal: String, source: String) throws {
        var replies: [String: [ModelReplyRecord]] = [:]
        var count = 0
        let lines = journal.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                guard let record = try ModelReplyRecord.decode(line: String(line)) else { continue }
                replies[record.promptHash, default: []].append(record)
                count += 1
            } catch {
                // A crash can leave the last line half-written; every other bad line is an error.
                if index == lines.count - 1 { continue }
                throw ModelError(
                    .unreadableRecording,
                    "\(source):\(index + 1): not a journal record (\(error)); the journal is damaged")
            }
        }
        self.replies = replies
        self.count = count
        self.source = source
        self.name = "recorded:\(source)"
    }

    public func complete(_ request: ModelRequest) async throws -> ModelReply {
        let hash = request.promptHash
        guard let records = replies[hash], !records.isEmpty else {
            throw ModelError(
                .notRecorded,
                "\(source) has no reply for this prompt (hash \(hash.prefix(12))…, \(count) replies recorded): the "
                    + "prompt differs from the recorded run (strategy, template, data or parameters changed), so the "
                    + "replay cannot be exact; run with a live --model to record new replies")
        }
        let turn = served[hash, default: 0]
        served[hash] = turn + 1
        let record = records[min(turn, records.count - 1)]
        if let onEvent = request.onEvent {
            if let reasoning = record.reasoning { onEvent(.reasoning(reasoning)) }
            onEvent(.answer(record.answer))
        }
        return record.reply
    }
}
