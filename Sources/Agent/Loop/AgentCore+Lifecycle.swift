import Execution
public import MarketData
import StateVector
import Strategy

extension AgentCore {
    /// Swaps in the staged strategy at a tick boundary. Rules, the consult policy, the loop rate and
    /// risk limits take effect at once (the account, orders and any halt carry over); feature
    /// parameters would need the day's analytics recomputed, so they apply from the next start.
    func applyReload(at time: Timestamp) {
        guard let new = pendingReload else { return }
        pendingReload = nil
        let old = rules.compiled.definition
        var notes: [String] = []
        if new.definition.features != old.features {
            notes.append("feature parameters changed: they apply from the next start (today's analytics keep their history)")
        }
        if new.definition.risk != old.risk {
            execution = ExecutionEngine(
                broker: broker, limits: RiskLimits(new.definition.risk), configuration: Self.orderConfiguration(settings),
                session: settings.session.description, restoring: execution.snapshot)
            notes.append("risk limits now: \(new.definition.risk.summary)")
        }
        rules = StrategyHolder(new)
        statistics.funnel.adopt(new.definition, at: time)
        reloadRejection = nil
        gate.maxDecisionAge = .milliseconds(new.definition.risk.maxDecisionAgeMs)
        tickInterval = Self.interval(hz: new.definition.loopHz)
        write(
            LoopJournalRecord.reloadSwapped(
                time: time, strategy: new.definition.name, hash: new.definition.sourceHash, previousHash: old.sourceHash,
                notes: notes
            ).line)
        lastEvent = "\(time.clock) strategy reloaded (\(new.definition.sourceHash))" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
    }

    /// Journals an edit of the strategy file that did not compile; the running strategy stays.
    public func journalRejectedReload(diagnostics: String, at time: Timestamp) {
        write(
            LoopJournalRecord.reloadRejected(time: time, runningHash: rules.compiled.definition.sourceHash, diagnostics: diagnostics)
                .line)
        let first = diagnostics.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? diagnostics
        reloadRejection = "\(time.clock) strategy edit rejected, still running \(rules.compiled.definition.sourceHash): \(diagnostics)"
        lastEvent = "\(time.clock) strategy edit rejected; still running \(rules.compiled.definition.sourceHash): \(first)"
    }

    /// Journals the end of the run at `time`, after `beginFlatten` and the loop's wait for the
    /// venue to fill the flatten (a run that is not flat by then says so in the record).
    public func finish(reason: String, at time: Timestamp) {
        let now = time
        let updates = execution.update(market: plainContext(engine.marketState(at: now), at: now))
        if !updates.isEmpty { record(updates, at: now) }
        let account = execution.account
        statistics.observe(time: now, equity: account.dailyPL, last: engine.last)
        write(
            LoopJournalRecord.stop(
                time: now, reason: reason, flat: isFlat, position: account.position, realizedPL: account.realizedPL,
                commissions: account.commissions, dailyPL: account.dailyPL, dailyTrades: account.dailyTrades,
                halted: execution.halt?.reason
            ).line)
    }

    /// No position and no order working.
    public var isFlat: Bool {
        execution.account.position == 0 && !execution.orders.hasLiveOrders
    }

    /// Everything the terminal view shows, built on demand (it evaluates the full checklist).
    public func viewSnapshot(at time: Timestamp) -> AgentSnapshot {
        let state = self.state(at: time)
        let checklist = rules.compiled.evaluate(state, previous: previous)
        var view = AgentSnapshot()
        view.time = time
        view.symbol = settings.symbol
        view.strategyName = rules.compiled.definition.name
        view.model = settings.modelDescription
        view.last = state.market.last
        view.bid = state.market.bidStack.first?.price
        view.ask = state.market.askStack.first?.price
        view.account = state.account
        view.activeOrders = state.activeOrders
        func condition(_ result: ConditionResult) -> AgentSnapshot.Condition {
            AgentSnapshot.Condition(text: result.text(.view), passed: result.passed)
        }
        view.longConditions = checklist.long.conditions.map(condition)
        view.shortConditions = checklist.short.conditions.map(condition)
        view.exitRules = checklist.exits.map { exit in
            let price = exit.price.map { " -> \($0.display)" } ?? ""
            let values = exit.readings.isEmpty ? "" : "  [\(exit.readingsText)]"
            return AgentSnapshot.Condition(
                text: "\(exit.name): \(exit.rule) => \(exit.action.name)\(price)\(values)", passed: exit.fired)
        }
        view.entryBlock = execution.halt.map { "halted: \($0.reason)" } ?? entryBlock
        view.reloadRejection = reloadRejection
        view.lastDecision = lastDecision
        view.lastVerdict = lastVerdict
        view.lastEvent = lastEvent
        view.modelBusy = inFlight != nil
        view.halted = execution.halt.map { "\($0.time.clock) \($0.reason)" }
        view.trades = statistics.trades.count
        return view
    }
}
