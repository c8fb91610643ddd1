import Synchronization

/// A clock that moves only when told to, for tests and for stepping a replay by hand.
public final class ManualClock: Clock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp = Timestamp(nanos: 0)) {
        current = Mutex(start)
    }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Sets the time; a clock never runs backwards, so an earlier time is ignored.
    public func set(_ time: Timestamp) {
        current.withLock { if time > $0 { $0 = time } }
    }

    /// Moves the time forward by `duration`.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0 + duration }
    }
}
