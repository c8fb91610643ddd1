import MarketData
import Testing

@testable import IBKR

/// Our client against our gateway over real loopback sockets.
@Suite struct GatewayLoopbackTests {
    static let date = SessionDate(year: 2012, month: 6, day: 21)
    let tsla = TWSContract.stock("TSLA")

    static func level(_ side: BookSide, _ cents: Int64, _ size: Int64, _ time: Timestamp, last: Bool = false) -> TimedEvent {
        TimedEvent(time: time, event: .depth(DepthUpdate(side: side, price: Price(cents: cents), size: size, operation: .insert)), endsBatch: last)
    }

    static var openingBook: [TimedEvent] {
        let time = Timestamp(hours: 9, minutes: 30, seconds: 0)
        return [level(.bid, 24549, 300, time), level(.bid, 24548, 200, time), level(.ask, 24550, 100, time), level(.ask, 24551, 400, time, last: true)]
    }

    static func trade(_ cents: Int64, _ size: Int64) -> [TimedEvent] {
        [TimedEvent(time: Timestamp(hours: 9, minutes: 31, seconds: 0), event: .trade(Trade(price: Price(cents: cents), size: size, aggressor: .buy)))]
    }

    func makeGateway() async throws -> (TWSGateway, Int) {
        let gateway = TWSGateway(configuration: GatewayConfiguration(symbol: "TSLA", sessionDate: Self.date, speed: 0, firstOrderID: 1000))
        let port = try await gateway.start(port: 0)
        await gateway.apply(Self.openingBook)
        return (gateway, port)
    }

    func makeConnection(_ port: Int) -> IBKRConnection {
        IBKRConnection(configuration: IBKRConfiguration(port: port, clientID: 7, timeout: .seconds(30), reconnect: ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))))
    }

    func eventually(_ timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    func bracket(_ parent: Int) -> [TWSRequest] {
        [.placeOrder(.limit(parent, .buy, 100, Price(cents: 24550), orderRef: "T-1-entry", transmit: false), tsla),
         .placeOrder(.limit(parent + 1, .sell, 100, Price(cents: 24560), orderRef: "T-1-target", transmit: false, parentID: parent), tsla),
         .placeOrder(.stop(parent + 2, .sell, 100, Price(cents: 24540), orderRef: "T-1-stop", transmit: true, parentID: parent), tsla)]
    }

    @Test func connectSubscribeAndFillABracket() async throws {
        let (gateway, port) = try await makeGateway()
        let connection = makeConnection(port)
        let feed = IBKRFeed(connection: connection, contract: tsla, rows: 5)
        let collected = EventBox()
        let reader = Task { for await event in feed { await collected.add(event) } }
        try await connection.start()
        #expect(await connection.state == .ready)
        #expect(await connection.accounts == ["DU1234567"])
        #expect(await eventually { await collected.depthCount >= 4 })
        var book = OrderBook()
        for event in await collected.events { if case .depth(let update) = event.event { book.apply(update) } }
        #expect(book.bestBid == BookLevel(price: Price(cents: 24549), size: 300))
        #expect(book.bestAsk == BookLevel(price: Price(cents: 24550), size: 100))

        let parent = try await connection.nextOrderID()
        _ = try await connection.nextOrderID()
        _ = try await connection.nextOrderID()
        #expect(parent == 1000)
        try await connection.send(bracket(parent))
        let entry = TWSGateway.OrderKey(clientID: 7, orderID: parent)
        #expect(await eventually { await gateway.status(of: entry) == "Filled" })
        #expect(await gateway.status(of: .init(clientID: 7, orderID: parent + 1)) == "Submitted")
        await gateway.apply(Self.trade(24561, 300))
        #expect(await eventually { await gateway.status(of: .init(clientID: 7, orderID: parent + 2)) == "Cancelled" })
        #expect(await gateway.status(of: .init(clientID: 7, orderID: parent + 1)) == "Filled")
        #expect(await gateway.netPosition == 0)
        // The client saw both fills and a trade print, classified a buy (at or above the ask).
        #expect(await eventually { await collected.trades.contains { $0.price == Price(cents: 24561) && $0.aggressor == .buy } })
        await connection.stop()
        reader.cancel()
        await gateway.stop()
    }

    @Test func aDropMidBracketLosesNothingAndDuplicatesNothing() async throws {
        let (gateway, port) = try await makeGateway()
        let connection = makeConnection(port)
        let events = await connection.events()
        let reconciliations = EventBox()
        let listener = Task {
            for await event in events { if case .reconciled(let snapshot) = event { await reconciliations.add(snapshot) } }
        }
        try await connection.start()
        let parent = try await connection.nextOrderID()
        for _ in 0..<2 { _ = try await connection.nextOrderID() }
        try await connection.send(bracket(parent))
        #expect(await eventually { await gateway.status(of: .init(clientID: 7, orderID: parent)) == "Filled" })

        await gateway.dropConnections()
        // While we are away, the target fills and the stop is cancelled.
        await gateway.apply(Self.trade(24561, 300))
        #expect(await eventually { await reconciliations.snapshots.count >= 2 })
        #expect(await connection.state == .ready)
        let after = try #require(await reconciliations.snapshots.last)
        #expect(after.executions.map(\.orderID) == [parent, parent + 1])
        #expect(Set(after.executions.map(\.execID)).count == 2)
        #expect(after.openOrders.isEmpty)
        #expect(after.positions.map(\.position) == [0])
        #expect(try await connection.nextOrderID() == parent + 3)
        let placements = await gateway.placements
        #expect(placements.count == 3 && placements.values.allSatisfy { $0 == 1 })
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }

    @Test func aBurstIsPacedOnTheWire() async throws {
        let (gateway, port) = try await makeGateway()
        let connection = makeConnection(port)
        try await connection.start()
        let before = await gateway.receivedCount
        let sentBefore = await connection.writeLog.count
        let started = ContinuousClock.now
        for _ in 0..<120 { try await connection.send(.currentTime) }
        #expect(await eventually(.seconds(20)) { await gateway.receivedCount >= before + 120 })
        let elapsed = ContinuousClock.now - started
        // 120 messages at 45/s after a burst of 4 cannot arrive in less than 116/45 s.
        #expect(elapsed >= .milliseconds(2_500))
        let writes = Array(await connection.writeLog.dropFirst(sentBefore))
        #expect(writes.count == 120)
        for (index, time) in writes.enumerated() {
            #expect(writes[index...].prefix { $0 < time + 1_000_000_000 }.count <= 50)
        }
        await connection.stop()
        await gateway.stop()
    }
}

/// Collects what a test's background task sees.
actor EventBox {
    var events: [TimedEvent] = []
    var snapshots: [IBKRReconciliation] = []

    func add(_ event: TimedEvent) { events.append(event) }
    func add(_ snapshot: IBKRReconciliation) { snapshots.append(snapshot) }

    var depthCount: Int { events.filter { if case .depth = $0.event { true } else { false } }.count }
    var trades: [Trade] { events.compactMap { if case .trade(let trade) = $0.event { trade } else { nil } } }
}

extension GatewayLoopbackTests {
    @Test func aRejectedParentTakesItsChildrenWithIt() async throws {
        let (gateway, port) = try await makeGateway()
        let connection = makeConnection(port)
        let events = await connection.events()
        let errors = ErrorBox()
        let listener = Task { for await case .response(.error(let error)) in events { await errors.add(error) } }
        try await connection.start()
        let parent = try await connection.nextOrderID()
        for _ in 0..<2 { _ = try await connection.nextOrderID() }
        var requests = bracket(parent)
        // A zero-share entry is refused (201); both legs must be refused with it.
        requests[0] = .placeOrder(.limit(parent, .buy, 0, Price(cents: 24550), transmit: false), tsla)
        try await connection.send(requests)
        #expect(await eventually { await errors.codes(for: [parent, parent + 1, parent + 2]) == [201, 201, 201] })
        #expect(await gateway.status(of: .init(clientID: 7, orderID: parent + 2)) == nil)
        #expect(await gateway.netPosition == 0)
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }
}

actor ErrorBox {
    var errors: [TWSErrorMessage] = []
    func add(_ error: TWSErrorMessage) { errors.append(error) }
    func codes(for ids: [Int]) -> [Int] { ids.compactMap { id in errors.first { $0.id == id }?.code } }
}
