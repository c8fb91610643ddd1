import Logging
import MarketData
import NIOCore
import NIOPosix

/// A TWS-protocol server on 127.0.0.1 that replays a recorded session as market depth and
/// tick-by-tick data and fills orders with the `SimulatedExchange`, the simulator a backtest uses,
/// so the live path (ours or any third-party TWS client) runs without an IBKR account and sees the
/// fills a backtest would.
///
/// It answers the connect sequence ib_async, ib_insync and the official client expect
/// (TWS-PROTOCOL.md 1.2 and 6), keeps orders and executions per client id across reconnections as
/// TWS does, and maps TWS orders onto the exchange's: brackets held until the transmitting child,
/// children released by the parent's fill, one-cancels-other between the children.
///
/// The actor is the exchange's one owner: replayed events and every client's requests reach the
/// exchange through its mailbox, in order, and each step's reports go out as TWS messages at once.
public actor TWSGateway {
    public nonisolated let configuration: GatewayConfiguration
    let logger: Logger
    var serverChannel: (any Channel)?
    var sessions: [Int: GatewaySession] = [:]
    var nextSessionID = 1

    let desk: GatewayDesk
    var clock = Timestamp(hours: 9, minutes: 30, seconds: 0)
    var lastTradePrice: Price?
    var dayVolume: Int64 = 0
    var lastQuote: (bid: BookLevel?, ask: BookLevel?) = (nil, nil)
    var nextOrderID: Int
    /// The replay in progress, if any: requests then act when the replayed clock reaches them;
    /// without one they act at once.
    var replay: ReplayPacer?
    /// The batch the replay is sleeping until, when it is on schedule: nothing may act at or after
    /// its time before it is applied. Nil while the replay applies batches or runs behind.
    var nextBatch: Timestamp?

    /// How many placeOrder messages arrived per order key: a test reads it to prove nothing was sent twice.
    public internal(set) var placements: [OrderKey: Int] = [:]
    /// The number of messages received from clients.
    public internal(set) var receivedCount = 0

    /// An order as TWS identifies it: per client id.
    public struct OrderKey: Hashable, Sendable {
        public var clientID: Int
        public var orderID: Int
        public init(clientID: Int, orderID: Int) {
            self.clientID = clientID
            self.orderID = orderID
        }
    }

    public init(configuration: GatewayConfiguration, logger: Logger = Logger(label: "fsd.gateway")) {
        self.configuration = configuration
        self.logger = logger
        self.nextOrderID = configuration.firstOrderID
        self.desk = GatewayDesk(configuration: configuration)
    }

    /// Listens on 127.0.0.1:`port` (0 picks a free port).
    /// - Returns: the bound port.
    public func start(port: Int) async throws -> Int {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let (stream, continuation) = AsyncStream<TWSChannelBridge.Event>.makeStream()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(TWSFrameDecoder(expectsClientHello: true)),
                        MessageToByteHandler(TWSFrameEncoder()),
                        TWSChannelBridge(continuation: continuation),
                    ])
                    Task { await self.serve(channel, stream) }
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        serverChannel = channel
        let bound = channel.localAddress?.port ?? port
        logger.info("gateway listening on 127.0.0.1:\(bound)")
        return bound
    }

    /// Stops listening and closes every client connection.
    public func stop() async {
        try? await serverChannel?.close()
        serverChannel = nil
        await dropConnections()
    }

    /// Closes every client connection abruptly, as a TWS restart or a network cut would; orders,
    /// fills and positions stay, as they do at IB.
    public func dropConnections() async {
        let open = sessions.values.map(\.channel)
        sessions.removeAll()
        for channel in open { try? await channel.close() }
    }

    public var connectionCount: Int { sessions.count }

    /// The net position of the simulated account.
    public var netPosition: Int64 { desk.account.position }

    /// Every execution so far, in order.
    public var allExecutions: [TWSExecution] { desk.executions.map(\.execution) }

    /// Every execution so far with its commission, in order.
    public var allFills: [(execution: TWSExecution, commission: TWSCommissionReport)] { desk.executions }

    /// The TWS status of an order (PendingSubmit until the exchange has it, PreSubmitted, Submitted,
    /// Filled, Cancelled, Inactive); nil for an order the gateway refused or never saw.
    public func status(of key: OrderKey) -> String? { desk.orders[key]?.status }

    private func serve(_ channel: any Channel, _ stream: AsyncStream<TWSChannelBridge.Event>) async {
        let id = nextSessionID
        nextSessionID += 1
        sessions[id] = GatewaySession(channel: channel)
        for await event in stream {
            switch event {
            case .frame(let frame): receive(frame, from: id)
            case .closed: break
            }
        }
        sessions[id] = nil
    }

    private func receive(_ frame: TWSFrame, from id: Int) {
        guard let session = sessions[id] else { return }
        receivedCount += 1
        if session.serverVersion == 0 {
            guard let text = frame.fields.first, let range = TWSWire.parseVersionRange(text),
                range.upperBound >= TWSWire.minServerVersion
            else {
                logger.warning("gateway: refused a client hello \(frame)")
                session.channel.close(promise: nil)
                return
            }
            let version = min(range.upperBound, TWSWire.maxServerVersion)
            sessions[id]?.serverVersion = version
            let time = EasternTime.twsTime(date: configuration.sessionDate, time: clock)
            let hello = TWSFrame(fields: [String(version), time.replacingUSEastern()])
            session.channel.writeAndFlush(TWSOutboundFrame.frame(hello), promise: nil)
            return
        }
        do {
            let request = try TWSRequest(frame: frame, serverVersion: session.serverVersion)
            handle(request, from: id)
        } catch {
            logger.warning("gateway: \(error)")
            session.write(.error(TWSErrorMessage(id: -1, code: 320, text: "Error reading request: \(error)")))
        }
    }
}

extension String {
    /// TWS writes the zone abbreviation in the connection time.
    fileprivate func replacingUSEastern() -> String {
        hasSuffix(" US/Eastern") ? String(dropLast(" US/Eastern".count)) + " EST" : self
    }
}
