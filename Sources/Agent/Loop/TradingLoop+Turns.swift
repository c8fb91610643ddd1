import Foundation
import MarketData
import Strategy

extension TradingLoop {
    /// Why a run stops when its journal cannot be written: it flattens like any stop, then fails.
    static func journalStopReason(_ failure: JournalError) -> String {
        "the journal cannot be written (\(failure)); no new entries, flattening"
    }

    /// On the data's own time: each event, and every tick and answer due before it, in time order;
    /// nothing waits. Events before `start` only warm up the analytics.
    /// - Returns: why the run ends.
    func runSimulated(_ core: AgentCore, start: Timestamp) async throws -> String {
        let until = configuration.until
        let realTime = configuration.latency == .realTime
        var lastTime = start
        var count = 0
        while let event = try venue.peek() {
            if let until, event.time > until { return configuration.untilReason }
            if event.time >= start, core.nextTick < event.time || pending != nil {
                await advance(core, before: event.time)
            }
            venue.take()
            core.apply(event)
            lastTime = event.time
            if let failure = core.journalFailure { return Self.journalStopReason(failure) }
            if realTime, core.inFlight != nil {
                deliverAnswers(core, at: event.time)
                await Task.yield()
            }
            count &+= 1
            if count & 4095 == 0 {
                if let reason = configuration.stopRequest?.reason { return reason }
                pollReload(core, at: event.time)
            }
        }
        if let due = pending, due.at <= lastTime {
            pending = nil
            core.answer(due.answer, at: due.at)
        }
        return venue.ended ?? "end of data"
    }

    /// On a clock (a paced replay, a live session): each turn applies what the venue has ready up
    /// to now, runs the ticks due, judges the answers that came, then waits a little.
    /// - Parameter pacer: a paced replay's clock, to sleep exactly until the next event or tick.
    /// - Returns: why the run ends.
    func runClocked(_ core: AgentCore, clock: any Clock, pacer: ReplayPacer?) async throws -> String {
        let until = configuration.until
        while true {
            if let reason = configuration.stopRequest?.reason { return reason }
            var now = max(clock.now(), floor)
            core.updateEntryBlock(venue.entryBlock(), at: now)
            // Never past `until`, however far a slow turn let the clock run.
            let horizon = until.map { min(now, $0) } ?? now
            while var event = try venue.peek(), event.time <= horizon {
                // A live event stamped on arrival may have raced a tick: it belongs to that tick.
                if event.time < floor { event.time = floor }
                await advance(core, before: event.time)
                venue.take()
                core.apply(event)
            }
            now = max(now, floor)
            // A replay ends where a backtest of it would: at the last event before `until`, or of the data.
            let next = try venue.peek()
            if let until, let next, next.time > until { return configuration.untilReason }
            if let until, now > until { return configuration.untilReason }
            if next == nil, let ended = venue.ended { return ended }
            await advance(core, through: now)
            deliverAnswers(core, at: now)
            if let failure = core.journalFailure { return Self.journalStopReason(failure) }
            pollReload(core, at: now)
            configuration.observer?(core, now)
            if let pacer {
                let due = min(next?.time ?? core.nextTick, core.nextTick)
                let wait = min(pacer.wallDelay(until: due), .milliseconds(20))
                if wait > .zero { try? await Task.sleep(for: wait) }
            } else {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// Runs every answer and tick due strictly before `limit` (an event's time: an event at exactly
    /// a tick's time belongs to that tick's state), answers first when they are due first.
    func advance(_ core: AgentCore, before limit: Timestamp) async {
        await advance(core, to: limit, inclusive: false)
    }

    /// Runs every answer and tick due at or before `now`.
    func advance(_ core: AgentCore, through now: Timestamp) async {
        await advance(core, to: now, inclusive: true)
    }

    private func advance(_ core: AgentCore, to limit: Timestamp, inclusive: Bool) async {
        func due(_ time: Timestamp) -> Bool { inclusive ? time <= limit : time < limit }
        while true {
            let tickDue = core.nextTick
            // The simulator acts on what is due by then first: a fill between two market messages
            // reaches the account at the next tick, not with the next message (#16).
            if let answer = pending, answer.at <= tickDue, due(answer.at) {
                pending = nil
                venue.advance(to: answer.at)
                core.answer(answer.answer, at: answer.at)
                continue
            }
            guard due(tickDue), isBeforeEnd(tickDue) else { return }
            venue.advance(to: tickDue)
            await runTick(core, at: tickDue)
        }
    }

    private func isBeforeEnd(_ time: Timestamp) -> Bool {
        guard let until = configuration.until else { return true }
        return time < until
    }

    /// One tick, and the question it raises dispatched by the latency policy.
    func runTick(_ core: AgentCore, at time: Timestamp) async {
        guard decide(core, at: time), let question = core.inFlight else { return }
        switch configuration.latency {
        case .realTime:
            let decider = self.decider
            let strategy = core.strategy
            let answers = self.answers
            // A cancelled task's answer (its request closed mid-stream) is for a question no longer asked.
            modelTask = Task {
                let answer = await decider.ask(question, strategy: strategy)
                if !Task.isCancelled { answers.post(answer) }
            }
        case .measured, .fixed:
            // The data clock waits for the model; its answer arrives as late as it took (or as charged).
            var answer = await decider.ask(question, strategy: core.strategy)
            if case .fixed(let charged) = configuration.latency { answer.latency = charged }
            pending = (answer, time + answer.latency)
        }
    }

    /// The tick itself, with the rules' answer when they decide: synchronous, so the question (two
    /// whole states) is not copied through the async frame on the path every tick takes.
    /// - Returns: true when a model must be asked about `core.inFlight`.
    private func decide(_ core: AgentCore, at time: Timestamp) -> Bool {
        floor = time
        let begin = monotonicNanos()
        defer {
            tickNanos.append(monotonicNanos() - begin)
            configuration.observer?(core, time)
        }
        let question = core.tick(at: time)
        if let cancelled = core.takeCancelled() { dropRequest(cancelled) }
        guard let question else { return false }
        guard let immediate = decider.immediate(question, strategy: core.strategy) else { return true }
        if case .fixed(let charged) = configuration.latency, charged > .zero {
            var answer = immediate
            answer.latency = charged
            pending = (answer, time + charged)
        } else {
            core.answer(immediate, at: time)
        }
        return false
    }

    /// Closes the request of a question the agent gave up: the model task is cancelled (its HTTP
    /// stream closed, so the server stops generating), or a simulated answer not yet due dropped.
    private func dropRequest(_ question: Int) {
        modelTask?.cancel()
        modelTask = nil
        if pending?.answer.consultation == question { pending = nil }
    }

    /// Judges the answers model tasks have posted, at `time`.
    func deliverAnswers(_ core: AgentCore, at time: Timestamp) {
        for answer in answers.take() {
            core.answer(answer, at: time)
        }
    }

    /// At most once a wall second: an edited strategy file that compiles is staged for the next
    /// tick; one that does not is journaled and shown, and the running strategy stays.
    func pollReload(_ core: AgentCore, at now: Timestamp) {
        guard var watcher, let path = configuration.reload?.path else { return }
        let wallNow = ContinuousClock.now
        guard wallNow - lastReloadPoll >= .seconds(1) else { return }
        lastReloadPoll = wallNow
        defer { self.watcher = watcher }
        var bytes = watcher.poll()
        // An edited base reloads the file that extends it, as it is on disk now.
        var baseChanged = false
        for index in baseWatchers.indices where baseWatchers[index].poll() != nil { baseChanged = true }
        if bytes == nil, baseChanged { bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
        guard let bytes else { return }
        do {
            let new = try StrategyLoader.compile(bytes: bytes, fileName: path, overrides: configuration.overrides)
            if new.definition.baseFiles != baseWatchers.map(\.path) { baseWatchers = Self.watchers(of: new) }
            let loosened = core.strategy.definition.risk.loosened(by: new.definition.risk)
            guard loosened.isEmpty else {
                let diagnostics =
                    "\(path): a reload may tighten the day's loss limits, never raise them: "
                    + loosened.joined(separator: ", ") + "; restart the run to raise them (the journal keeps the day)"
                core.journalRejectedReload(diagnostics: diagnostics, at: now)
                configuration.output("strategy \(path) changed but is not applied; still running the previous version:\n\(diagnostics)")
                return
            }
            core.stageReload(new)
            configuration.output("strategy \(path) changed: reloading at the next tick (\(new.definition.sourceHash))")
        } catch {
            core.journalRejectedReload(diagnostics: "\(error)", at: now)
            configuration.output("strategy \(path) changed but does not compile; still running the previous version:\n\(error)")
        }
    }
}
