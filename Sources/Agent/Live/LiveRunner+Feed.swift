public import Execution
import Foundation
public import MarketData
import Strategy

extension LiveRunner {
    /// Runs against a live feed and broker (IBKR in `fsd run --broker ibkr`) on `clock`, the wall
    /// clock: events go to the core as they arrive, ticks fall due on the clock, orders go to
    /// `broker`. Stops on a stop request (Ctrl-C), `until`, or the feed's end; then cancels every
    /// order, flattens through the broker (waiting up to `flattenTimeout` for the fills) and
    /// journals the end. `configuration.dataPath` only labels the source; `speed` is unused.
    /// - Parameters:
    ///   - brokerName: for the journal's session record, e.g. `ibkr`.
    ///   - entryBlock: asked every turn; non-nil (why) refuses new entries, e.g. while the broker's
    ///     connection is not reconciled or TWS lost its link to IB.
    public func run<F: Feed & Sendable>(
        feed: F, broker: any Broker, brokerName: String, clock: any Clock, flattenTimeout: Duration = .seconds(20),
        entryBlock: @escaping @Sendable () -> String?
    ) async throws -> BacktestSummary {
        let session = feed.sessionDate
        let recovered = try JournalReader.recover(
            path: configuration.journalPath, account: configuration.account, session: session.description, repair: true)
        if let tail = recovered.corruptTail {
            output("journal: the last line was cut by a crash and was removed: \(tail.prefix(120))")
        }
        if !recovered.isEmpty { output("journal: \(recovered.summary)") }
        let journal = try JournalWriter(path: configuration.journalPath, flush: .perLine)
        let settings = AgentSettings(
            account: configuration.account, symbol: feed.symbol, session: session, mode: "live", broker: brokerName,
            modelDescription: decider.description, rulesOnly: decider.isRules)
        let open = strategy.definition.features.sessionOpen
        let core = AgentCore(
            settings: settings, strategy: strategy, broker: broker, exchange: nil, journal: journal, recovered: recovered,
            averageDailyVolume: configuration.averageDailyVolume, startAt: max(open, recovered.lastTime ?? open, clock.now()))
        core.updateEntryBlock(entryBlock(), at: clock.now())
        if recovered.lastTime != nil { core.resume(at: clock.now()) }
        if clock.now() < open { output("waiting for the session open at \(open.clock) (strategy features.session_open)") }

        let inbox = EventInbox()
        let pump = Task {
            do {
                for try await event in feed { inbox.post(event) }
                inbox.end("the market data feed ended (the connection was stopped)")
            } catch {
                inbox.end("the market data feed failed: \(error)")
            }
        }
        let answers = AnswerInbox()
        var watcher = FileWatcher(path: configuration.strategyPath, contents: strategyText)
        var lastPoll = ContinuousClock.now
        var display = LiveDisplay()
        var modelTask: Task<Void, Never>?
        var stopReason = "stopped"
        var floor = Timestamp(nanos: 0)
        let wallStart = monotonicNanos()

        func runTick(_ time: Timestamp) {
            floor = time
            guard let question = core.tick(at: time) else { return }
            if let immediate = decider.immediate(question, strategy: core.strategy) {
                core.answer(immediate, at: time)
                return
            }
            let decider = self.decider
            let strategy = core.strategy
            modelTask = Task {
                let answer = await decider.ask(question, strategy: strategy)
                answers.post(answer)
            }
        }

        func apply(_ events: [TimedEvent]) {
            for var event in events {
                // Stamped on arrival: one that raced a tick is applied at that tick's time.
                if event.time < floor { event.time = floor }
                while core.nextTick < event.time { runTick(core.nextTick) }
                core.apply(event)
            }
        }

        while true {
            if let reason = stopRequest.reason {
                stopReason = reason
                break
            }
            core.updateEntryBlock(entryBlock(), at: max(clock.now(), floor))
            let (events, ended) = inbox.take()
            apply(events)
            let now = max(clock.now(), floor)
            if let until = configuration.until, now > until {
                stopReason = "reached --until \(until.clock)"
                break
            }
            while core.nextTick <= now { runTick(core.nextTick) }
            for answer in answers.take() {
                core.answer(answer, at: now)
            }
            if let failure = core.journalFailure { throw failure }
            if let ended {
                stopReason = ended
                break
            }
            let wallNow = ContinuousClock.now
            if wallNow - lastPoll >= .seconds(1) {
                lastPoll = wallNow
                reloadIfEdited(&watcher, core: core, at: now)
            }
            display.show(core, at: now, mode: configuration.view, label: "live (\(brokerName))", output: output)
            try? await Task.sleep(for: .milliseconds(10))
        }
        modelTask?.cancel()

        // Flatten through the broker while the feed still marks the position, then journal the end.
        core.beginFlatten(reason: stopReason, at: max(clock.now(), floor))
        let deadline = ContinuousClock.now + flattenTimeout
        while !core.isFlat, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            apply(inbox.take().events)
            core.pollBroker(at: max(clock.now(), floor))
        }
        if !core.isFlat {
            output("warning: not flat \(flattenTimeout) after the stop: check the position and orders in TWS")
        }
        pump.cancel()
        let stoppedAt = core.stop(reason: stopReason, at: max(clock.now(), floor))
        try journal.close()
        if let failure = core.journalFailure { throw failure }
        let summary = runSummary(core, symbol: feed.symbol, session: session, stoppedAt: stoppedAt, wallStart: wallStart)
        output(
            "stopped: \(stopReason); \(core.isFlat ? "flat" : "NOT FLAT"), day P&L \(summary.finalPL.formatted(decimals: 2)), "
                + "trades \(core.execution.account.dailyTrades)")
        return summary
    }

    private func reloadIfEdited(_ watcher: inout FileWatcher, core: AgentCore, at now: Timestamp) {
        guard let text = watcher.poll() else { return }
        do {
            let new = try StrategyLoader.compile(source: text, fileName: configuration.strategyPath)
            core.stageReload(new)
            output("strategy \(configuration.strategyPath) changed: reloading at the next tick (\(new.definition.sourceHash))")
        } catch {
            core.journalRejectedReload(diagnostics: "\(error)", at: now)
            output("strategy \(configuration.strategyPath) changed but does not compile; still running the previous version:\n\(error)")
        }
    }
}
