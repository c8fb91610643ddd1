import Synchronization

/// A request to stop the loop cleanly, set from a signal handler or another task and read by the
/// loop at its next turn.
public final class StopRequest: Sendable {
    private let storage = Mutex<String?>(nil)

    public init() {}

    /// Asks the loop to stop; the first reason wins.
    public func request(_ reason: String) {
        storage.withLock { if $0 == nil { $0 = reason } }
    }

    /// Why a stop was requested, nil while none was.
    public var reason: String? { storage.withLock { $0 } }
}
