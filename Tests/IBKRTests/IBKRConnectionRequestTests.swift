import MarketData
import Testing

@testable import IBKR

@Suite struct IBKRConnectionRequestTests {
    let loopback = GatewayLoopbackTests()

    @Test func resolvesTheSymbolAndRefusesAnUnknownOne() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let connection = loopback.makeConnection(port)
        try await connection.start()
        let resolved = try await connection.contractDetails(for: .stock("tsla"))
        #expect(resolved.conId == 265_598 && resolved.symbol == "TSLA" && resolved.primaryExchange == "NASDAQ")
        await #expect(throws: IBKRConnectionError.self) { try await connection.contractDetails(for: .stock("ZZZZ")) }
        #expect(try await connection.averageDailyVolume(of: resolved) == 2_000_000)
        await connection.stop()
        await gateway.stop()
    }

    @Test func aListenerThatStopsIsRemoved() async throws {
        let (gateway, port) = try await loopback.makeGateway()
        let connection = loopback.makeConnection(port)
        try await connection.start()
        let before = await connection.listenerCount
        let listening = Task {
            for await _ in await connection.events() {}
        }
        #expect(await loopback.eventually { await connection.listenerCount == before + 1 })
        listening.cancel()
        #expect(await loopback.eventually { await connection.listenerCount == before })
        await connection.stop()
        await gateway.stop()
    }

    @Test func refusesToStartAgainstAClosedPortWithAnActionableError() async throws {
        let connection = IBKRConnection(configuration: IBKRConfiguration(port: 1, clientID: 3, timeout: .seconds(2)))
        do {
            try await connection.start()
            Issue.record("connected to port 1")
        } catch let error as IBKRConnectionError {
            #expect(error.description.hasPrefix("cannot connect to TWS / IB Gateway at 127.0.0.1:1:"))
            #expect(error.description.contains("paper TWS 7497"))
        }
        #expect(await connection.state == .disconnected)
    }
}
