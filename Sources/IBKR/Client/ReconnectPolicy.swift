/// How long to wait before each reconnection attempt: doubling from `initialDelay` up to
/// `maximumDelay`. TWS refuses a clientId until the old socket is gone, so the first retry waits.
public struct ReconnectPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Nil retries forever.
    public var maximumAttempts: Int?

    public init(initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), maximumAttempts: Int? = nil) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
    }

    /// The wait before attempt `attempt` (1-based).
    public func delay(attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) {
            delay = delay * 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }

    /// No reconnection at all.
    public static let never = ReconnectPolicy(maximumAttempts: 0)
}
