import Logging
import NIOCore
import NIOPosix

/// One API session with TWS / IB Gateway: handshake, paced writes, reconnection with backoff, and
/// reconciliation on every (re)connection before the state turns `ready`.
///
/// Listeners get every decoded message in order through `events()`. Writes are queued in call order
/// and paced below 50 messages per second; a message queued on a connection that then drops is
/// discarded, never sent on the next connection, so nothing is ever sent twice.
public actor IBKRConnection {
    public nonisolated let configuration: IBKRConfiguration
    let logger: Logger
    public internal(set) var state: IBKRConnectionState = .disconnected
    /// The negotiated server version (0 before the handshake).
    public internal(set) var serverVersion = 0
    public internal(set) var accounts: [String] = []

    var channel: (any Channel)?
    var generation = 0
    var stopped = false
    var listeners: [Int: AsyncStream<IBKRConnectionEvent>.Continuation] = [:]
    var nextListenerKey = 0
    var nextOrderIDValue = 0
    var receivedNextValidID = false
    var nextRequestIDValue = 10_000
    var reconciling: ReconciliationCollector?
    var reconnecting = false
    var handshaking = false
    /// TWS reported 1100 and no 1101/1102 since: even a finished reconciliation is not `ready`.
    var linkLost = false

    var limiter: PacingLimiter
    var outbox: [(generation: Int, frame: TWSFrame)] = []
    var writerRunning = false
    let clockBase = ContinuousClock.now
    /// The instants (ns from `clockBase`) of the last writes, at least the last 2048, for diagnostics
    /// and the pacing tests.
    public private(set) var writeLog: [Int64] = []

    public init(configuration: IBKRConfiguration, logger: Logger = Logger(label: "fsd.ibkr")) {
        self.configuration = configuration
        self.logger = logger
        self.limiter = PacingLimiter(messagesPerSecond: configuration.messagesPerSecond, burst: configuration.burst)
    }

    // MARK: Listening

    /// A stream of everything that happens from now on; it ends when the connection stops.
    public func events() -> AsyncStream<IBKRConnectionEvent> {
        let (stream, continuation) = AsyncStream<IBKRConnectionEvent>.makeStream()
        let key = nextListenerKey
        nextListenerKey += 1
        listeners[key] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(key) } }
        continuation.yield(.state(state))
        return stream
    }

    private func removeListener(_ key: Int) { listeners[key] = nil }

    /// How many `events()` streams are live (a consumer that stops listening is removed).
    public var listenerCount: Int { listeners.count }

    func broadcast(_ event: IBKRConnectionEvent) {
        for continuation in listeners.values { continuation.yield(event) }
    }

    func setState(_ newState: IBKRConnectionState) {
        guard newState != state else { return }
        logger.info("IBKR connection \(state) -> \(newState)")
        state = newState
        broadcast(.state(newState))
    }

    // MARK: Lifecycle

    /// Connects, handshakes and reconciles. Later losses reconnect by themselves.
    /// - Throws: `IBKRConnectionError` when the first connection fails, with what to check.
    public func start() async throws {
        stopped = false
        try await connectOnce()
    }

    /// Closes the connection for good.
    public func stop() async {
        stopped = true
        generation += 1
        let closing = channel
        channel = nil
        outbox.removeAll()
        try? await closing?.close()
        setState(.stopped)
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    /// Waits until the state is `ready`, up to `timeout`.
    /// - Returns: true when ready.
    public func waitUntilReady(timeout: Duration) async -> Bool {
        await poll(timeout: timeout) { self.state == .ready }
    }

    /// Polls `condition` every 5 ms until true or `timeout`; simple and immune to lost wake-ups.
    func poll(timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            if ContinuousClock.now >= deadline || stopped { return condition() }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    // MARK: Ids

    /// The next order id: from nextValidId, incremented locally, never reused across reconnections.
    public func nextOrderID() throws -> Int {
        guard receivedNextValidID else { throw IBKRConnectionError.notConnected }
        defer { nextOrderIDValue += 1 }
        return nextOrderIDValue
    }

    /// A fresh request id for subscriptions.
    public func nextRequestID() -> Int {
        defer { nextRequestIDValue += 1 }
        return nextRequestIDValue
    }

    // MARK: Writing

    /// Queues a request for the current connection, paced.
    /// - Throws: `IBKRConnectionError.notConnected` when there is no connection.
    public func send(_ request: TWSRequest) throws {
        guard channel != nil, serverVersion > 0 else { throw IBKRConnectionError.notConnected }
        enqueue(request.frame(serverVersion: serverVersion))
    }

    /// Queues several requests back to back in one step (a bracket), so nothing interleaves.
    public func send(_ requests: [TWSRequest]) throws {
        guard channel != nil, serverVersion > 0 else { throw IBKRConnectionError.notConnected }
        for request in requests { enqueue(request.frame(serverVersion: serverVersion)) }
    }

    func enqueue(_ frame: TWSFrame) {
        outbox.append((generation, frame))
        guard !writerRunning else { return }
        writerRunning = true
        Task { await self.drainOutbox() }
    }

    func now() -> Int64 { (ContinuousClock.now - clockBase).nanosecondCount }

    private func drainOutbox() async {
        while !outbox.isEmpty {
            let item = outbox.removeFirst()
            guard item.generation == generation, let channel else { continue }
            let sendAt = limiter.reserve(at: now())
            let wait = sendAt - now()
            if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
            guard item.generation == generation else { continue }
            if writeLog.count >= 4096 { writeLog.removeFirst(2048) }
            writeLog.append(now())
            channel.writeAndFlush(TWSOutboundFrame.frame(item.frame), promise: nil)
        }
        writerRunning = false
    }
}
