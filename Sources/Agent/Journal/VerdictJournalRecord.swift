public import Brain
public import MarketData

/// `{"type":"verdict",…}`: what the gate and the risk manager made of one answer, with the checklist's
/// call when the question was asked and when the answer arrived (ARCHITECTURE.md gate rule 5).
public struct VerdictJournalRecord: Sendable {
    public var verdict: GateVerdict
    public var command: Command
    /// The question answered; nil for an answer to a question no longer in flight.
    public var question: Int?
    public var askedAt: Timestamp?
    public var callAtAsk: ChecklistCall?
    public var callAtArrival: ChecklistCall
    public var time: Timestamp
    /// Identical verdicts folded into this one since the last line (0: none).
    public var previousRepeated: Int
    /// The strategy's `gate:` mode the verdict was judged under (nil: not recorded).
    public var gate: String?

    public init(
        verdict: GateVerdict, command: Command, question: Int?, askedAt: Timestamp?, callAtAsk: ChecklistCall?,
        callAtArrival: ChecklistCall, time: Timestamp, previousRepeated: Int = 0, gate: String? = nil
    ) {
        self.gate = gate
        self.verdict = verdict
        self.command = command
        self.question = question
        self.askedAt = askedAt
        self.callAtAsk = callAtAsk
        self.callAtArrival = callAtArrival
        self.time = time
        self.previousRepeated = previousRepeated
    }

    /// The journal line.
    public var line: JSONLine {
        var line = JSONLine(type: RecordType.verdict)
        line.time(time)
        line.field("id", question)
        line.field("command", command.description)
        line.field("verdict", verdict.kind.rawValue)
        line.field("reason", verdict.text)
        line.field("asked", askedAt?.clock)
        line.field("age_ms", askedAt.map { Double((time - $0).nanosecondCount) / 1e6 })
        line.field("checklist_at_ask", callAtAsk?.rawValue)
        line.field("checklist_at_arrival", callAtArrival.rawValue)
        if previousRepeated > 0 { line.field("previous_repeated", previousRepeated) }
        if let gate { line.field("gate", gate) }
        return line
    }
}
