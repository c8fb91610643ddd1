/// Events per second of wall-clock time and per second of CPU time: on a machine shared with
/// other work the second is the fairer figure (time spent descheduled is not counted).
public struct Throughput: Codable, Sendable {
    /// Events (deltas and trades) per wall-clock second.
    public var wall = 0.0
    /// Events per CPU second of all the process's threads.
    public var cpu = 0.0
    /// LOBSTER messages per wall-clock second: the unit of PERFORMANCE.md and of the peers' figures.
    public var wallMessages = 0.0
    /// LOBSTER messages per CPU second.
    public var cpuMessages = 0.0

    public init() {}

    init(wall: Double, cpu: Double) {
        self.wall = wall
        self.cpu = cpu
    }

    mutating func addMessageRates(messagesPerEvent: Double) {
        wallMessages = wall * messagesPerEvent
        cpuMessages = cpu * messagesPerEvent
    }
}
