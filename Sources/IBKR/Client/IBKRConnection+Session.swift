import Logging
import NIOCore
import NIOPosix

extension IBKRConnection {
    /// One connection attempt: TCP, hello, startApi, nextValidId and accounts, resubscription, and
    /// reconciliation. Leaves the state `ready` or throws with the channel closed.
    func connectOnce() async throws {
        setState(.connecting)
        handshaking = true
        defer { handshaking = false }
        generation += 1
        let myGeneration = generation
        serverVersion = 0
        linkLost = false
        receivedNextValidID = false
        accounts = []
        let (stream, continuation) = AsyncStream<TWSChannelBridge.Event>.makeStream()
        let host = configuration.host
        let port = configuration.port
        let newChannel: any Channel
        do {
            newChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            ByteToMessageHandler(TWSFrameDecoder(expectsClientHello: false)),
                            MessageToByteHandler(TWSFrameEncoder()),
                            TWSChannelBridge(continuation: continuation),
                        ])
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            setState(.disconnected)
            let text = String(describing: error)
            let reason = text.contains("Connection refused") ? "connection refused" : text
            throw IBKRConnectionError.cannotConnect(host, port, reason)
        }
        channel = newChannel
        Task { await self.readLoop(stream, generation: myGeneration) }
        newChannel.writeAndFlush(TWSOutboundFrame.clientHello(TWSWire.clientVersionRange), promise: nil)

        do {
            guard await poll(timeout: configuration.timeout, { self.serverVersion > 0 || self.generation != myGeneration })
            else { throw IBKRConnectionError.timeout("the server hello", host, port) }
            try checkAlive(myGeneration)
            guard (TWSWire.minServerVersion...TWSWire.maxServerVersion).contains(serverVersion) else {
                throw IBKRConnectionError.unsupportedVersion(serverVersion)
            }
            try send(.startAPI(clientID: configuration.clientID, capabilities: ""))
            guard
                await poll(timeout: configuration.timeout, {
                    (self.receivedNextValidID && !self.accounts.isEmpty) || self.generation != myGeneration
                })
            else { throw IBKRConnectionError.timeout("nextValidId and managedAccounts", host, port) }
            try checkAlive(myGeneration)
            broadcast(.resubscribe)
            try await reconcile(generation: myGeneration)
        } catch {
            if generation == myGeneration {
                generation += 1
                channel = nil
                setState(.disconnected)
            }
            try? await newChannel.close()
            throw error
        }
    }

    private func checkAlive(_ myGeneration: Int) throws {
        guard generation == myGeneration, channel != nil else {
            throw IBKRConnectionError(
                "TWS closed the connection during the handshake (is client id \(configuration.clientID) already in use?)")
        }
    }

    /// Reads positions, open orders and this client's executions; `ready` only when all three ended.
    func reconcile(generation myGeneration: Int) async throws {
        setState(.reconciling)
        for attempt in 1...2 {
            let requestID = nextRequestID()
            reconciling = ReconciliationCollector(executionsRequestID: requestID)
            try send([
                .positions, .openOrders,
                .executions(reqID: requestID, clientID: configuration.clientID, account: "", time: "", symbol: ""),
            ])
            let done = await poll(timeout: configuration.timeout) {
                (self.reconciling?.isComplete ?? false) || self.generation != myGeneration
            }
            try checkAlive(myGeneration)
            if done, let collector = reconciling {
                reconciling = nil
                var snapshot = collector.snapshot
                snapshot.nextOrderID = nextOrderIDValue
                broadcast(.reconciled(snapshot))
                setState(linkLost ? .dataLost : .ready)
                return
            }
            logger.warning("IBKR reconciliation attempt \(attempt) timed out waiting for \(reconciling?.missing ?? "?")")
        }
        throw IBKRConnectionError.timeout("the reconciliation replies (\(reconciling?.missing ?? "?"))", configuration.host, configuration.port)
    }

    func readLoop(_ stream: AsyncStream<TWSChannelBridge.Event>, generation myGeneration: Int) async {
        for await event in stream {
            switch event {
            case .frame(let frame):
                guard generation == myGeneration else { return }
                handle(frame)
            case .closed(let reason):
                connectionLost(generation: myGeneration, reason: reason)
                return
            }
        }
        connectionLost(generation: myGeneration, reason: nil)
    }

    func handle(_ frame: TWSFrame) {
        if serverVersion == 0 {
            guard frame.fields.count >= 1, let version = Int(frame.fields[0]) else {
                logger.error("IBKR: expected the server hello (version, time), got \(frame)")
                return
            }
            serverVersion = version
            logger.info("IBKR: server version \(version), connection time \(frame.fields.dropFirst().first ?? "?")")
            return
        }
        let response: TWSResponse
        do {
            response = try TWSResponse(frame: frame, serverVersion: serverVersion)
        } catch {
            logger.warning("IBKR: skipped a message that did not decode: \(error)")
            return
        }
        switch response {
        case .nextValidID(let id):
            nextOrderIDValue = max(nextOrderIDValue, id)
            receivedNextValidID = true
        case .managedAccounts(let list):
            accounts = list
        case .openOrder(let open):
            // Never hand out an id TWS has already seen, whoever placed it.
            nextOrderIDValue = max(nextOrderIDValue, open.order.orderID + 1)
        case .error(let error):
            handleNotice(error)
        default:
            break
        }
        reconciling?.absorb(response)
        broadcast(.response(response))
    }

    private func handleNotice(_ error: TWSErrorMessage) {
        switch error.code {
        case 1100:
            logger.error("IBKR: TWS lost its connection to IB; no new entries until it is restored")
            linkLost = true
            setState(.dataLost)
        case 1101, 1102:
            logger.warning("IBKR: TWS connection to IB restored (\(error.code == 1101 ? "data lost" : "data kept"))")
            linkLost = false
            if error.code == 1101 { broadcast(.resubscribe) }
            let myGeneration = generation
            Task { try? await self.reconcileAfterRestore(generation: myGeneration) }
        case 326:
            logger.error("IBKR: client id \(configuration.clientID) is already in use; TWS will close the socket")
        default:
            if error.isWarning || error.code == 202 {
                logger.debug("IBKR notice \(error)")
            } else {
                logger.warning("IBKR \(error)")
            }
        }
    }

    private func reconcileAfterRestore(generation myGeneration: Int) async throws {
        guard generation == myGeneration, reconciling == nil else { return }
        do {
            try await reconcile(generation: myGeneration)
        } catch {
            logger.error("IBKR: reconciliation after restore failed: \(error); reconnecting")
            try? await channel?.close()
        }
    }

    func connectionLost(generation myGeneration: Int, reason: String?) {
        guard generation == myGeneration else { return }
        generation += 1
        channel = nil
        reconciling = nil
        outbox.removeAll()
        logger.error("IBKR: connection lost\(reason.map { ": \($0)" } ?? "")")
        guard !stopped else { return }
        setState(.disconnected)
        guard !reconnecting, !handshaking else { return }
        Task { await self.reconnectLoop() }
    }

    private func reconnectLoop() async {
        reconnecting = true
        defer { reconnecting = false }
        var attempt = 0
        while !stopped {
            attempt += 1
            if let limit = configuration.reconnect.maximumAttempts, attempt > limit {
                logger.error("IBKR: giving up after \(limit) reconnection attempts")
                setState(.stopped)
                return
            }
            try? await Task.sleep(for: configuration.reconnect.delay(attempt: attempt))
            guard !stopped else { return }
            do {
                try await connectOnce()
                // As loud as the loss: whoever saw "connection lost" must see it come back.
                logger.warning("IBKR: reconnected after \(attempt) attempt(s)")
                return
            } catch {
                logger.warning("IBKR: reconnection attempt \(attempt) failed: \(error)")
            }
        }
    }
}
