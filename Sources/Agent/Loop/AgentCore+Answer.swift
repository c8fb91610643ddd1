import Brain
import Execution
public import MarketData
import StateVector
import Strategy

extension AgentCore {
    /// The model's answer arrives at `time`: it is judged by the gate on the state now, then by the
    /// risk manager, and what happened is journaled with a reason a trader can read.
    /// - Returns: the verdict (for the view and tests).
    @discardableResult
    public func answer(_ answer: ModelAnswer, at time: Timestamp) -> GateVerdict {
        guard let question = inFlight, question.id == answer.consultation else {
            let verdict = GateVerdict(.stale, "dropped an answer to question \(answer.consultation), which is not the one in flight")
            journalVerdict(verdict, command: answer.command, question: nil, call: .none, at: time)
            return verdict
        }
        inFlight = nil
        if !settings.rulesOnly { statistics.modelLatencies.append(answer.latency.nanosecondCount) }
        if let use = answer.thinkBudget { statistics.thinkBudgetSpent[use.action, default: 0] += 1 }
        if answer.record != nil || answer.failure != nil {
            write(
                ModelReplyJournalRecord(
                    reply: answer.record, time: time, question: question.id, askedAt: question.askedAt,
                    chargedLatency: answer.latency, failure: answer.failure, thinkBudget: answer.thinkBudget
                ).line)
        }
        let market = engine.marketState(at: time)
        let updates = execution.update(market: plainContext(market, at: time))
        if !updates.isEmpty { record(updates, at: time) }
        let state = StateVector(
            market: market, account: execution.accountState, activeOrders: execution.activeOrders, history: history)
        let command = answer.command
        // Re-evaluated once at arrival: the whole checklist for a model's answer, the two verdicts
        // (and the failing side's conditions only when they are needed) for the rules'.
        let setups =
            settings.rulesOnly
            ? SetupView(
                longPassed: rules.entryPasses(.long, state, previous: previous),
                shortPassed: rules.entryPasses(.short, state, previous: previous), explaining: command,
                side: { [rules, previous] in rules.compiled.side($0, state, previous) })
            : SetupView(rules.compiled.evaluate(state, previous: previous), explaining: command)
        let hold =
            rules.compiled.definition.gate == .hold && command.isEntry
            ? SetupHold(command, askedCall: question.call, state: state, previous: previous, strategy: rules.compiled) : nil
        var verdict = gate.judge(
            command, askedAt: question.askedAt, arrivedAt: time, state: state, setups: setups, entryBlock: entryBlock,
            commandGiven: Self.modelCall(answer) != .parseFailure, hold: hold)
        let holding = state.account.position != 0 || !state.activeOrders.isEmpty
        if Self.setupWasLost(command, verdict: verdict, askedCall: question.call) { statistics.setupsLostToLatency += 1 }
        // A stale answer was not judged on any checklist: it stays out of the matrix (its count is
        // with the verdicts), so the matrix holds only answers the gate compared.
        if verdict.kind != .stale, !(holding && Self.modelCall(answer) == .wait) {
            // The matrix is about entries: a wait while holding a position has no setup to agree on.
            statistics.matrix.record(model: Self.modelCall(answer), checklist: setups.call)
        }
        if verdict.kind == .accepted, let trade = TradeCommand(command, positionSize: rules.compiled.definition.risk.positionSize) {
            let context = MarketContext(state: market, time: time, lastDataTime: engine.lastEventTime)
            switch execution.execute(trade, market: context) {
            case .success(let events):
                record(events, at: time)
                verdict.executed = true
            case .failure(let refusal):
                statistics.ordersRefusedByRisk += 1
                verdict = GateVerdict.refusedByRisk(command, refusal)
            }
        }
        statistics.count(verdict.kind)
        let arrival = plainContext(market, at: time)
        statistics.funnel.answered(question.id, at: time, command: command, verdict: verdict) { [execution] side in
            execution.refusalOfAnyEntry(side, market: arrival)
        }
        let outcome: DecisionOutcome = verdict.kind == .accepted ? .executed : verdict.kind == .wait ? .wait : .rejected
        history.append(HistoryEntry(time: time.clock, command: command.description, outcome: outcome, reason: outcome == .executed ? nil : verdict.reason))
        if history.count > 3 { history.removeFirst(history.count - 3) }
        // A rules-only run waits on most ticks; those are in the statistics, not one line each.
        if !(settings.rulesOnly && verdict.kind == .wait && setups.call == .none) {
            journalVerdict(verdict, command: command, question: question, call: setups.call, at: time)
            lastDecision = "\(question.askedAt.clock) \(command.description)"
            lastVerdict = verdict.text
        }
        return verdict
    }

    /// True when an entry was asked about its side's setup and the gate found it too late for it.
    static func setupWasLost(_ command: Command, verdict: GateVerdict, askedCall: ChecklistCall) -> Bool {
        switch command {
        case .enterLong: verdict.late && askedCall == .long
        case .enterShort: verdict.late && askedCall == .short
        default: false
        }
    }

    static func modelCall(_ answer: ModelAnswer) -> AgreementMatrix.ModelCall {
        guard let reply = answer.reply, reply.failure == nil else { return .parseFailure }
        switch reply.command {
        case .enterLong: return .enterLong
        case .enterShort: return .enterShort
        case .wait: return .wait
        case .updateStop, .updateTarget, .cancelAll: return .manage
        }
    }

    private func journalVerdict(_ verdict: GateVerdict, command: Command, question: Consultation?, call: ChecklistCall, at time: Timestamp) {
        // A verdict repeated tick after tick (the trade limit refusing the same setup) is written
        // once; the next different verdict says how many were folded into it.
        let key = command.description + "\u{0}" + verdict.text
        if key == lastVerdictKey {
            repeatedVerdicts += 1
            return
        }
        lastVerdictKey = key
        defer { repeatedVerdicts = 0 }
        write(
            VerdictJournalRecord(
                verdict: verdict, command: command, question: question?.id, askedAt: question?.askedAt,
                callAtAsk: question?.call, callAtArrival: call, time: time, previousRepeated: repeatedVerdicts,
                gate: rules.compiled.definition.gate.rawValue
            ).line)
    }
}
