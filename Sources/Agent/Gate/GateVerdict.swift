/// What the gate made of one model answer.
public struct GateVerdict: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Passed the gate (the risk manager still has the last word).
        case accepted
        /// The gate or the risk manager said no.
        case refused
        /// Arrived after `max_decision_age_ms`.
        case stale
        /// The model waited (or its reply did not parse, which counts as a wait).
        case wait
    }

    public var kind: Kind
    /// Why, in a trader's words: `refused ENTER_LONG: L2_IMBALANCE 1.32 ≤ 1.5 at arrival`.
    public var reason: String

    /// True once an accepted command's orders went to the broker (the risk manager agreed too).
    public var executed = false
    /// What kept a setup from being traded by this answer, when it kept one: the funnel's column.
    /// Nil for an answer that changed nothing about entries (an accepted entry, a stop moved).
    public var blocker: SetupObstacle?

    /// True when the answer came too late for the market it was asked about: stale, or an entry
    /// whose setup was gone (`arrival`) or invalidated (`hold`) by the time it arrived.
    public var late: Bool { blocker == .latency }

    /// What the journal and the view say: the gate's reason, with its `accepted` read as `EXECUTED`
    /// once the orders went out (the words journals have always carried).
    public var text: String {
        guard executed, reason.hasPrefix("accepted") else { return reason }
        return "EXECUTED" + reason.dropFirst("accepted".count)
    }

    public init(_ kind: Kind, _ reason: String, late: Bool = false) {
        self.init(kind, reason, blocker: late ? .latency : nil)
    }

    public init(_ kind: Kind, _ reason: String, blocker: SetupObstacle?) {
        self.kind = kind
        self.reason = reason
        self.blocker = blocker
    }

    public var description: String { text }
}
