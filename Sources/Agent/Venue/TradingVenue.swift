public import Execution
public import MarketData

/// Where the loop's market events come from and its orders go: the one seam between
/// `TradingLoop` and the world. A replay through the simulated exchange (`SimulatedVenue`) and a
/// live broker connection (`LiveVenue`) look the same to the loop, so every line between the seams
/// is shared.
///
/// The loop reads events without suspending: `peek` shows the next event that is ready, `take`
/// consumes it. A venue that simulates fills hands each event to its exchange in `take`, at the
/// moment the agent sees it, never earlier, so an order sent at a tick meets the book of that
/// tick's time.
public protocol TradingVenue: AnyObject {
    /// The instrument, e.g. `GOOG`.
    var symbol: String { get }
    /// The session the events belong to (the exchange's local date).
    var sessionDate: SessionDate { get }
    /// The venue's name in the journal and reports: `sim`, `ibkr`.
    var name: String { get }
    /// Where the agent's orders go.
    var broker: any Broker { get }
    /// True when the venue's time is the data's (a replay): the loop then moves time itself while
    /// it waits for a flatten, instead of waiting on the wall clock.
    var simulatesTime: Bool { get }
    /// The next event that is ready now, not yet taken; nil when none is ready (a live feed between
    /// messages) or no more will come (see `ended`).
    /// - Throws: what the data source throws (a bad replay file).
    func peek() throws -> TimedEvent?
    /// Consumes the event `peek` returned.
    func take()
    /// Why no more events will come (`end of data`, the feed's failure); nil while they may.
    var ended: String? { get }
    /// The session time reaches `time` with no new event: a simulator acts on what is due by then.
    func advance(to time: Timestamp)
    /// Why new entries must be refused right now (a live connection not reconciled); nil when the
    /// venue is ready.
    func entryBlock() -> String?
    /// Stops whatever the venue runs in the background (a feed's reader); the loop calls it once.
    func close()
}
