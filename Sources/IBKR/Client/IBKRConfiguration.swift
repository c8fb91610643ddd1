/// Where and how to reach TWS / IB Gateway.
public struct IBKRConfiguration: Sendable, Hashable {
    public var host: String
    /// 7497 paper TWS (the default), 7496 live TWS, 4002 paper IB Gateway, 4001 live IB Gateway.
    public var port: Int
    public var clientID: Int
    /// How long to wait for each step of the handshake and each reconciliation reply.
    public var timeout: Duration
    public var reconnect: ReconnectPolicy
    public var messagesPerSecond: Int
    public var burst: Int

    public init(
        host: String = "127.0.0.1", port: Int = 7497, clientID: Int = 1, timeout: Duration = .seconds(10),
        reconnect: ReconnectPolicy = ReconnectPolicy(), messagesPerSecond: Int = 45, burst: Int = 4
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.timeout = timeout
        self.reconnect = reconnect
        self.messagesPerSecond = messagesPerSecond
        self.burst = burst
    }
}
