public import MarketData
public import StateVector

/// One setup: consecutive ticks on which every entry condition of a side passed (the chase guard
/// apart, which is one of the things that can stop it), and what became of it.
public struct SetupEpisode: Hashable, Sendable {
    public let side: PositionSide
    /// The first tick it passed.
    public let start: Timestamp
    /// The last tick it passed.
    public internal(set) var end: Timestamp
    public internal(set) var ticks = 1
    /// True once an entry of its side went to the broker while it lasted, or from a question asked on it.
    public internal(set) var taken = false
    /// The last thing that stopped it; nil while nothing has (or once it was taken).
    public internal(set) var obstacle: SetupObstacle?
    /// The verdict or refusal behind `obstacle` (or the taking), in a trader's words, when there was one.
    public internal(set) var detail: String?
    /// The question whose answer decided it: when it was asked and answered, and the command.
    public internal(set) var askedAt: Timestamp?
    public internal(set) var answeredAt: Timestamp?
    public internal(set) var command: String?

    init(side: PositionSide, at time: Timestamp) {
        self.side = side
        start = time
        end = time
    }

    /// What stopped it, settled at the end of the run.
    public var outcome: SetupObstacle? {
        taken ? nil : obstacle ?? .unanswered
    }

    /// How long it lasted, one tick counted as one tick interval.
    public func duration(tick: Duration) -> Duration {
        end - start + tick
    }
}
