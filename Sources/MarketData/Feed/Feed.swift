/// A stream of market events for one instrument on the data's own clock: the seam between a replay
/// file or a live broker connection and the book, the tape and the features.
///
/// Live feeds (IBKR) implement this directly; a replay file is read fastest through an
/// `EventReader` (`ReplaySource`), and the agent's `SimulatedVenue` is its feed.
public protocol Feed: AsyncSequence where Element == TimedEvent {
    /// The instrument, e.g. `GOOG`.
    var symbol: String { get }
    /// The session the events belong to (the exchange's local date).
    var sessionDate: SessionDate { get }
}
