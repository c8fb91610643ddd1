/// A stream of market events for one instrument on the data's own clock: the seam between a replay
/// file or a live broker connection and the book, the tape and the features.
///
/// Live feeds (IBKR) implement this directly; replay files are read fastest through an
/// `EventReader` and wrapped as a feed with `ReplayFeed`.
public protocol Feed: AsyncSequence where Element == TimedEvent {
    /// The instrument, e.g. `GOOG`.
    var symbol: String { get }
    /// The session the events belong to (the exchange's local date).
    var sessionDate: SessionDate { get }
}
