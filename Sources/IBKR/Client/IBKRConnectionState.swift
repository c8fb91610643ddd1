/// Where a connection to TWS stands. Only `ready` lets the agent enter new positions.
public enum IBKRConnectionState: Sendable, Hashable, CustomStringConvertible {
    case disconnected
    case connecting
    /// Connected; positions, open orders and executions are being read back before anyone acts.
    case reconciling
    case ready
    /// TWS lost its link to IB (1100): the socket is up but no data or orders flow. No new entries.
    case dataLost
    /// The connection was stopped for good (by `stop()` or after the last reconnection attempt).
    case stopped

    public var description: String {
        switch self {
        case .disconnected: "disconnected"
        case .connecting: "connecting"
        case .reconciling: "reconciling"
        case .ready: "ready"
        case .dataLost: "data lost (TWS disconnected from IB)"
        case .stopped: "stopped"
        }
    }
}
