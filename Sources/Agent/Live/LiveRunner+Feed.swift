public import Execution
public import MarketData

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
        let venue = LiveVenue(feed: feed, broker: broker, name: brokerName, entryBlock: entryBlock)
        if clock.now() < strategy.definition.features.sessionOpen {
            output("waiting for the session open at \(strategy.definition.features.sessionOpen.clock) (strategy features.session_open)")
        }
        let result = try await run(venue: venue, timing: .wall(clock), label: "live (\(brokerName))", flattenTimeout: flattenTimeout)
        let account = result.core.execution.account
        output(
            "stopped: \(result.stopReason); \(result.core.isFlat ? "flat" : "NOT FLAT"), day P&L \(account.dailyPL.formatted(decimals: 2)), "
                + "trades \(account.dailyTrades)")
        return summary(result)
    }
}
