import MarketData
import Synchronization

/// Where the task reading a live feed leaves its events for the loop, and how the feed ended.
final class EventInbox: Sendable {
    private struct Contents {
        var events: [TimedEvent] = []
        var ended: String?
    }

    private let contents = Mutex(Contents())

    func post(_ event: TimedEvent) {
        contents.withLock { $0.events.append(event) }
    }

    /// The feed is over: `reason` says why (stopped, or the error it threw).
    func end(_ reason: String) {
        contents.withLock { $0.ended = $0.ended ?? reason }
    }

    /// Everything posted since the last call, oldest first, and why the feed ended if it did.
    func take() -> (events: [TimedEvent], ended: String?) {
        contents.withLock { box in
            defer { box.events.removeAll(keepingCapacity: true) }
            return (box.events, box.ended)
        }
    }
}
