import Execution
public import MarketData
import StateVector
import Strategy

extension AgentCore {
    /// One turn of the loop at `time` (the runner calls it when `nextTick` is due): broker reports,
    /// the state, compiled exits, the checklist and, by the consult policy, a question for the model.
    /// - Returns: the question to ask, when the model should be consulted now.
    public func tick(at time: Timestamp) -> Consultation? {
        nextTick = time + tickInterval
        if pendingReload != nil { applyReload(at: time) }
        statistics.ticks += 1
        // The state two ticks old lends its arrays' storage: refreshed in place, a tick allocates
        // nothing for the book, walls and prints.
        var state = spare.take() ?? StateVector(market: MarketState(), account: AccountState(), activeOrders: [], history: [])
        engine.update(&state.market, at: time)
        let updates = execution.update(market: plainContext(state.market, at: time))
        if !updates.isEmpty { record(updates, at: time) }
        state.account = execution.accountState
        state.activeOrders = execution.activeOrders
        state.history = history
        if state.account.position != 0 {
            let context = MarketContext(state: state.market, time: time, lastDataTime: engine.lastEventTime)
            applyExits(state: state, context: context, at: time)
            state.account = execution.accountState
            state.activeOrders = execution.activeOrders
        }
        statistics.observe(time: time, equity: state.account.dailyPL, last: state.market.last)
        defer {
            spare = previous
            previous = state
        }
        if let last = lastTickJournal, time - last < settings.tickJournalInterval {
        } else {
            lastTickJournal = time
            journalTick(state, at: time)
        }
        // The funnel evaluates every condition of both sides each tick: its verdicts are the
        // checklist's, so the fused gate need not run again.
        let (long, short) = statistics.funnel.observe(rules.compiled, state, previous: previous, at: time)
        if let question = inFlight, execution.halt == nil, let reason = Self.mootReason(question, long: long, short: short, state: state) {
            cancelInFlight(question, reason: reason, at: time)
        }
        let flat = state.account.position == 0 && state.activeOrders.isEmpty
        let tradesUsedUp = state.account.dailyTrades >= rules.compiled.definition.risk.maxTradesPerDay
        statistics.funnel.noteObstacles(
            halted: execution.halt != nil, modelBusy: inFlight != nil, holding: !flat, tradesUsedUp: tradesUsedUp)
        guard inFlight == nil, execution.halt == nil else { return nil }
        // Flat with the day's trades used up, no answer could change anything: spare the model.
        if flat && tradesUsedUp { return nil }
        // A model is shown the whole checklist, so it is evaluated once here and travels with the
        // question; the rules alone need only the funnel's verdicts.
        let checklist = settings.rulesOnly ? nil : rules.compiled.evaluate(state, previous: previous)
        let consult: Bool
        switch rules.compiled.definition.consult {
        case .everyTick: consult = true
        case .onSetup: consult = long || short
        case .onSetupOrPosition: consult = long || short || state.account.position != 0
        }
        guard consult else { return nil }
        if settings.rulesOnly && flat && !long && !short {
            // The rules' answer here is a plain WAIT: count it without building one, so a
            // rules-only backtest pays for decisions only where there is something to decide.
            statistics.count(.wait)
            statistics.matrix.record(model: .wait, checklist: .none)
            return nil
        }
        let question = Consultation(
            id: nextConsultationID, askedAt: time, state: state, previous: previous, longPassed: long, shortPassed: short,
            checklist: checklist)
        nextConsultationID += 1
        inFlight = question
        statistics.funnel.asked(question.id, at: time)
        if !settings.rulesOnly {
            write(
                LoopJournalRecord.modelRequest(time: time, id: question.id, checklist: question.call, position: state.account.signedPosition)
                    .line)
        }
        return question
    }

    /// Why the question in flight no longer matters, if it does not: a setup appeared that it was
    /// not asked about (asked on no setup, or on the other side's), or the position changed under it
    /// (a fill, a stop-out). A question asked on a setup that has since faded is kept: `gate: hold`
    /// may still take its answer.
    static func mootReason(_ question: Consultation, long: Bool, short: Bool, state: StateVector) -> String? {
        let was = question.state.account.signedPosition
        let now = state.account.signedPosition
        if was != now { return "the position changed from \(was) to \(now) since it was asked" }
        let call: ChecklistCall = long ? .long : short ? .short : .none
        guard call != .none, call != question.call else { return nil }
        let asked = question.call == .none ? "on no setup" : "on the \(question.call.rawValue) setup"
        return "a \(call.rawValue) setup appeared; the question was asked \(asked)"
    }

    /// Gives up the question in flight: the loop closes its request (`takeCancelled`) and this tick
    /// asks again.
    func cancelInFlight(_ question: Consultation, reason: String, at time: Timestamp) {
        inFlight = nil
        cancelled = question.id
        statistics.modelCancelled += 1
        statistics.funnel.cancelled(question.id)
        write(LoopJournalRecord.modelCancelled(time: time, id: question.id, askedAt: question.askedAt, reason: reason).line)
        lastEvent = "\(time.clock) model request \(question.id) cancelled: \(reason)"
    }

    /// Exits never need the model: a fired `exit` flattens at once, `tighten_stop` and
    /// `update_target` move the bracket (still through the risk manager).
    private func applyExits(state: StateVector, context: MarketContext, at time: Timestamp) {
        guard !execution.orders.isFlattening else { return }
        let checklist = rules.compiled.evaluate(state, previous: previous)
        for exit in checklist.firedExits {
            let command: TradeCommand
            switch exit.action {
            case .exit: command = .cancelAllAndFlatten(reason: "exit rule \(exit.name) fired: \(exit.rule)")
            case .tightenStop:
                guard let price = exit.price else { continue }
                command = .updateStop(price)
            case .updateTarget:
                guard let price = exit.price, price != state.activeOrders.first(where: { $0.role == .target })?.price else { continue }
                command = .updateTarget(price)
            }
            let readings = exit.readingsText
            func exitLine(_ result: String) -> JSONLine {
                LoopJournalRecord.exit(
                    time: time, rule: exit.name, when: exit.rule, action: exit.action.name, price: exit.price, readings: readings,
                    result: result
                ).line
            }
            switch execution.execute(command, market: context) {
            case .success(let events):
                write(exitLine("done"))
                record(events, at: time)
                statistics.exitsFired += 1
                lastEvent = "\(time.clock) exit rule \(exit.name) (\(exit.action.name)) fired: \(readings)"
            case .failure(let refusal):
                write(exitLine("refused by risk: \(refusal)"))
            }
            if case .exit = exit.action { return }
        }
    }

    private func journalTick(_ state: StateVector, at time: Timestamp) {
        write(
            LoopJournalRecord.tick(
                time: time, last: state.market.last, bid: state.market.bidStack.first?.price,
                ask: state.market.askStack.first?.price, position: state.account.signedPosition, dailyPL: state.account.dailyPL,
                orders: state.activeOrders.count
            ).line)
    }
}
