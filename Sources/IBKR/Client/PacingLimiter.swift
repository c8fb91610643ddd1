/// A token bucket for outbound messages, kept below TWS's 50 messages per second: at most
/// `burst + rate × t` messages in any window of t seconds (45/s with a burst of 4 gives at most 49
/// in any second). Pure arithmetic on nanosecond instants, so tests drive it with a manual clock.
public struct PacingLimiter: Sendable {
    public let messagesPerSecond: Int
    public let burst: Int
    private let interval: Int64
    /// The theoretical arrival time of the next message (generic cell rate algorithm).
    private var nextTheoretical: Int64 = .min

    public init(messagesPerSecond: Int = 45, burst: Int = 4) {
        self.messagesPerSecond = max(1, messagesPerSecond)
        self.burst = max(1, burst)
        self.interval = 1_000_000_000 / Int64(self.messagesPerSecond)
    }

    /// Reserves the next slot and returns the instant (ns) at which that message may be written,
    /// `now` or later. Reservations are served in call order.
    public mutating func reserve(at now: Int64) -> Int64 {
        let theoretical = nextTheoretical == .min ? now : max(nextTheoretical, now)
        let sendAt = max(now, theoretical - Int64(burst - 1) * interval)
        nextTheoretical = max(theoretical, sendAt) + interval
        return sendAt
    }
}
