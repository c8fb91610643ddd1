import Foundation
public import MarketData

/// The data's clock played back against the wall clock at `speed` times real time: a recorded
/// session's 09:30:00 maps to the moment the replay starts. `fsd run --speed N` paces itself by it.
public struct ReplayClock: Clock {
    /// The data time at the wall-clock start.
    public let origin: Timestamp
    /// Data seconds per wall second; at least a tiny positive number.
    public let speed: Double
    private let start: ContinuousClock.Instant

    public init(origin: Timestamp, speed: Double) {
        self.origin = origin
        self.speed = max(speed, 1e-6)
        self.start = ContinuousClock.now
    }

    public func now() -> Timestamp {
        let elapsed = (ContinuousClock.now - start).nanosecondCount
        return Timestamp(nanos: origin.nanos + Int64(Double(elapsed) * speed))
    }

    /// How long on the wall clock until the data clock reads `time` (zero when already past).
    public func wallDelay(until time: Timestamp) -> Duration {
        let remaining = time.nanos - now().nanos
        guard remaining > 0 else { return .zero }
        return .nanoseconds(Int64(Double(remaining) / speed))
    }
}
