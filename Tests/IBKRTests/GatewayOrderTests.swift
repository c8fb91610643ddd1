import MarketData
import Testing

@testable import IBKR

/// The gateway's order handling over real sockets: what TWS does with held groups, cancels,
/// modifications, global cancels and refusals, on the simulated exchange.
@Suite struct GatewayOrderTests {
    let loopback = GatewayLoopbackTests()
    let tsla = TWSContract.stock("TSLA")

    /// A connected client with every error and position message it receives collected.
    func connect(_ port: Int, clientID: Int = 7) async throws -> (IBKRConnection, ErrorBox, PositionBox, Task<Void, Never>) {
        let connection = IBKRConnection(
            configuration: IBKRConfiguration(port: port, clientID: clientID, timeout: .seconds(30)))
        let events = await connection.events()
        let errors = ErrorBox()
        let positions = PositionBox()
        let listener = Task {
            for await event in events {
                if case .response(.error(let error)) = event { await errors.add(error) }
                if case .response(.position(let position)) = event { await positions.add(position.position) }
            }
        }
        try await connection.start()
        return (connection, errors, positions, listener)
    }

    func key(_ orderID: Int, client: Int = 7) -> TWSGateway.OrderKey { .init(clientID: client, orderID: orderID) }

    @Test func aHeldGroupWaitsForItsTransmittingOrder() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let (connection, _, positions, listener) = try await connect(port)
        try await connection.send(.positions)
        // Marketable at 245.50, but held: nothing reaches the exchange before the stop transmits.
        try await connection.send([
            .placeOrder(.limit(1000, .buy, 100, Price(cents: 24550), transmit: false), tsla),
            .placeOrder(.limit(1001, .sell, 100, Price(cents: 24560), transmit: false, parentID: 1000), tsla),
        ])
        #expect(await loopback.eventually { await gateway.placements.count == 2 })
        #expect(await gateway.status(of: key(1000)) == "PendingSubmit")
        #expect(await gateway.netPosition == 0)
        try await connection.send(.placeOrder(.stop(1002, .sell, 100, Price(cents: 24540), transmit: true, parentID: 1000), tsla))
        #expect(await loopback.eventually { await gateway.status(of: key(1000)) == "Filled" })
        #expect(await gateway.status(of: key(1001)) == "Submitted")
        #expect(await gateway.status(of: key(1002)) == "Submitted")
        // A position subscriber hears of the fill without asking again.
        #expect(await loopback.eventually { await positions.values.last == 100 })
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }

    @Test func cancelsAndRefusalsCarryTWSsCodes() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let (connection, errors, _, listener) = try await connect(port)
        try await connection.send([
            .placeOrder(.limit(1000, .buy, 100, Price(cents: 24540)), tsla),
            .placeOrder(.limit(1001, .buy, 100, Price(raw: 2_454_050)), tsla),
            .placeOrder(TWSOrder(orderID: 1002, action: .buy, quantity: 100, orderType: "TRAIL"), tsla),
            .cancelOrder(orderID: 1000),
        ])
        #expect(await loopback.eventually { await gateway.status(of: key(1000)) == "Cancelled" })
        try await connection.send([.cancelOrder(orderID: 1000), .cancelOrder(orderID: 999)])
        #expect(await loopback.eventually { await errors.codes(for: [1000, 1001, 1002, 999]).count == 4 })
        #expect(await errors.codes(for: [1000, 1001, 1002, 999]) == [202, 110, 201, 10147])
        #expect(await errors.errors.filter { $0.id == 1000 }.map(\.code) == [202, 161])
        #expect(await errors.errors.first { $0.id == 1002 }?.text
            == "Order rejected - reason:the simulated gateway accepts LMT, STP and MKT orders, not 'TRAIL'")
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }

    @Test func aModifiedLimitMovesAndFillsWhereItCrosses() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let (connection, errors, _, listener) = try await connect(port)
        try await connection.send(.placeOrder(.limit(1000, .buy, 100, Price(cents: 24549)), tsla))
        #expect(await loopback.eventually { await gateway.status(of: key(1000)) == "Submitted" })
        // Quantity changes are refused; the price change crosses the 245.50 ask and fills.
        try await connection.send(.placeOrder(.limit(1000, .buy, 200, Price(cents: 24549)), tsla))
        try await connection.send(.placeOrder(.limit(1000, .buy, 100, Price(cents: 24550)), tsla))
        #expect(await loopback.eventually { await gateway.status(of: key(1000)) == "Filled" })
        // The refusal left the gateway before the fill, but the listener task may read it after.
        #expect(await loopback.eventually { await errors.codes(for: [1000]) == [105] })
        let fills = await gateway.allFills
        #expect(fills.map(\.execution.price) == [Price(cents: 24550)])
        #expect(fills.map(\.commission.commission) == [Price(cents: 100)])
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }

    @Test func aGlobalCancelReachesEveryClientsOrdersHeldOrLive() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let (first, _, _, firstListener) = try await connect(port, clientID: 7)
        let (second, secondErrors, _, secondListener) = try await connect(port, clientID: 8)
        try await first.send(.placeOrder(.limit(1000, .buy, 100, Price(cents: 24540)), tsla))
        try await second.send([
            .placeOrder(.limit(1000, .sell, 100, Price(cents: 24570)), tsla),
            .placeOrder(.limit(1001, .sell, 100, Price(cents: 24580), transmit: false), tsla),
        ])
        #expect(await loopback.eventually { await gateway.placements.count == 3 })
        try await first.send(.globalCancel)
        #expect(await loopback.eventually {
            [await gateway.status(of: key(1000)), await gateway.status(of: key(1000, client: 8)),
             await gateway.status(of: key(1001, client: 8))] == ["Cancelled", "Cancelled", "Cancelled"]
        })
        #expect(await loopback.eventually { await secondErrors.codes(for: [1000, 1001]) == [202, 202] })
        await first.stop()
        await second.stop()
        firstListener.cancel()
        secondListener.cancel()
        await gateway.stop()
    }

    @Test func aPacedReplayLetsAnOrderActOnTimeInAQuietMarket() async throws {
        let date = SessionDate(year: 2012, month: 6, day: 21)
        let gateway = TWSGateway(configuration: GatewayConfiguration(symbol: "TSLA", sessionDate: date, speed: 5))
        let port = try await gateway.start(port: 0)
        let (connection, _, _, listener) = try await connect(port)
        // The ask goes away 20 s (4 s of wall time) after the open.
        let gone = Timestamp(hours: 9, minutes: 30, seconds: 20)
        let events = GatewayLoopbackTests.openingBook + [
            TimedEvent(time: gone, event: .depth(DepthUpdate(side: .ask, price: Price(cents: 24550), size: 0, operation: .delete)))
        ]
        let replay = Task {
            var iterator = events.makeIterator()
            try await gateway.replay { iterator.next() }
        }
        try await Task.sleep(for: .milliseconds(300))
        try await connection.send(.placeOrder(TWSOrder(orderID: 1000, action: .buy, quantity: 100, orderType: "MKT"), tsla))
        #expect(await loopback.eventually { await gateway.status(of: key(1000)) == "Filled" })
        let fill = try #require(await gateway.allFills.first)
        // Filled 50 ms of session time after it arrived (about 1.5 s in), not with the next event.
        #expect(fill.execution.price == Price(cents: 24550))
        #expect(fill.execution.time.hasPrefix("20120621 09:30:"))
        #expect(fill.execution.time < "20120621 09:30:20")
        try await replay.value
        await connection.stop()
        listener.cancel()
        await gateway.stop()
    }
}

actor PositionBox {
    var values: [Int64] = []
    func add(_ value: Int64) { values.append(value) }
}
