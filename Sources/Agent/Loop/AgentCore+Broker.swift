import Execution
public import MarketData

extension AgentCore {
    /// A live broker answers asynchronously: collects its reports (fills, cancels) at `time`
    /// without a full tick, while a stop waits for the flatten to complete.
    public func pollBroker(at time: Timestamp) {
        let context = plainContext(engine.marketState(at: time), at: time)
        let updates = execution.update(market: context)
        if !updates.isEmpty { record(updates, at: time) }
    }

    /// Sets why new entries are refused from now on (nil: they are not), journaling each change so
    /// that the day's record shows when and why the agent could not enter, and for how long.
    public func updateEntryBlock(_ reason: String?, at time: Timestamp) {
        // A journal that failed keeps entries blocked whatever the venue says.
        let reason = journalFailure == nil ? reason : entryBlock
        guard reason != entryBlock else { return }
        entryBlock = reason
        write(LoopJournalRecord.entryBlock(time: time, reason: reason).line)
        lastEvent = reason.map { "\(time.clock) new entries blocked: \($0)" } ?? "\(time.clock) new entries allowed again"
    }

    /// Cancels every order and flattens the position through the broker, journaled; the caller
    /// polls (`pollBroker`) until `isFlat`, then calls `stop(reason:at:)`. Entries stay blocked.
    public func beginFlatten(reason: String, at time: Timestamp) {
        entryBlock = "stopping (\(reason))"
        inFlight = nil
        let market = engine.marketState(at: time)
        let context = MarketContext(state: market, time: time, lastDataTime: engine.lastEventTime)
        let updates = execution.update(market: context)
        if !updates.isEmpty { record(updates, at: time) }
        if !isFlat, case .success(let events) = execution.execute(.cancelAllAndFlatten(reason: "stop: \(reason)"), market: context) {
            record(events, at: time)
        }
    }
}
