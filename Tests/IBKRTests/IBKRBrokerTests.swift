import Execution
import MarketData
import StateVector
import Testing

@testable import IBKR

/// The execution layer's `Broker` on a real TWS-protocol connection to the gateway.
@Suite struct IBKRBrokerTests {
    let loopback = GatewayLoopbackTests()
    let time = Timestamp(hours: 9, minutes: 31, seconds: 0)

    func bracket() -> [OrderRequest] {
        [OrderRequest(id: "T-1-entry", side: .buy, type: .limit, price: Price(cents: 24550), quantity: 100, role: .entry),
         OrderRequest(id: "T-1-stop", side: .sell, type: .stop, price: Price(cents: 24540), quantity: 100, role: .stop, parent: "T-1-entry", ocaGroup: "T-1"),
         OrderRequest(id: "T-1-target", side: .sell, type: .limit, price: Price(cents: 24560), quantity: 100, role: .target, parent: "T-1-entry", ocaGroup: "T-1")]
    }

    @Test func aBracketThroughTheBrokerFillsOnceAndCancelsTheOtherLeg() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let connection = loopback.makeConnection(port)
        let broker = IBKRBroker(connection: connection, contract: .stock("TSLA"))
        try await connection.start()
        #expect(await loopback.eventually { broker.isReady })
        broker.submit(bracket(), at: time)
        broker.submit(bracket(), at: time)  // a retry: ignored, never a second order
        var reports: [ExecutionReport] = []
        #expect(await loopback.eventually {
            reports += broker.drainReports()
            return reports.contains { $0.orderID == "T-1-entry" && $0.state == .filled }
        })
        await gateway.apply(GatewayLoopbackTests.trade(24561, 300))
        #expect(await loopback.eventually {
            reports += broker.drainReports()
            return reports.contains { $0.orderID == "T-1-stop" && $0.state == .cancelled }
        })
        let fills = reports.compactMap { report -> (ClientOrderID, Fill)? in
            if case .fill(let fill) = report.event { return (report.orderID, fill) } else { return nil }
        }
        #expect(fills.map(\.0) == ["T-1-entry", "T-1-target"])
        #expect(fills.map(\.1.price) == [Price(cents: 24550), Price(cents: 24560)])
        #expect(fills.map(\.1.commission) == [Price(cents: 100), Price(cents: 100)])
        #expect(reports.last { $0.orderID == "T-1-target" }?.state == .filled)
        #expect(await gateway.placements.values.sorted() == [1, 1, 1])
        await connection.stop()
        await gateway.stop()
    }

    @Test func noEntriesWhileTWSHasLostIBAndResubscribeOn1101() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let connection = loopback.makeConnection(port)
        let broker = IBKRBroker(connection: connection, contract: .stock("TSLA"))
        let feed = IBKRFeed(connection: connection, contract: .stock("TSLA"), rows: 5)
        let collected = EventBox()
        let reader = Task { for await event in feed { await collected.add(event) } }
        try await connection.start()
        #expect(await loopback.eventually { await gateway.subscriptionCount == 3 })

        await gateway.broadcastNotice(code: 1100, text: "Connectivity between IB and Trader Workstation has been lost.")
        #expect(await loopback.eventually { await connection.state == .dataLost })
        #expect(await loopback.eventually { !broker.isReady })
        broker.submit(bracket(), at: time)
        var reports: [ExecutionReport] = []
        #expect(await loopback.eventually {
            reports += broker.drainReports()
            return reports.count == 3
        })
        #expect(reports.allSatisfy { $0.state == .rejected })
        #expect(await gateway.placements.isEmpty)

        await gateway.broadcastNotice(code: 1101, text: "Connectivity between IB and TWS has been restored - data lost.")
        #expect(await loopback.eventually { await connection.state == .ready && broker.isReady })
        #expect(await loopback.eventually { await gateway.subscriptionCount == 3 })
        // The book was voided and rebuilt from the new subscription's rows.
        #expect(await loopback.eventually {
            let events = await collected.events
            guard let reset = events.lastIndex(where: { $0.event == .bookReset }) else { return false }
            return events[reset...].filter { if case .depth = $0.event { true } else { false } }.count >= 4
        })
        await connection.stop()
        reader.cancel()
        await gateway.stop()
    }
}

extension IBKRBrokerTests {
    @Test func anUnknownSymbolIsRejectedWithTWSsReason() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let connection = loopback.makeConnection(port)
        let broker = IBKRBroker(connection: connection, contract: .stock("ZZZZ"))
        try await connection.start()
        #expect(await loopback.eventually { broker.isReady })
        broker.submit(bracket()[0], at: time)
        var reports: [ExecutionReport] = []
        #expect(await loopback.eventually {
            reports += broker.drainReports()
            return !reports.isEmpty
        })
        #expect(reports.first?.event == .rejected(reason: "TWS 200: No security definition has been found for the request"))
        await connection.stop()
        await gateway.stop()
    }
}
