import MarketData
import Testing

@testable import IBKR

/// RVOL_DAY's average daily volume from TWS: 30 daily bars, else generic tick 165.
@Suite struct AverageVolumeTests {
    let loopback = GatewayLoopbackTests()

    @Test func fallsBackToGenericTick165WithoutHistoricalData() async throws {
        let gateway = TWSGateway(
            configuration: GatewayConfiguration(
                symbol: "TSLA", sessionDate: GatewayLoopbackTests.date, speed: 0, averageDailyVolume: 1_234_567,
                servesDailyBars: false))
        let port = try await gateway.start(port: 0)
        let connection = loopback.makeConnection(port)
        try await connection.start()
        let contract = try await connection.contractDetails(for: .stock("TSLA"))
        // Tick 21 counts hundreds of shares, as at TWS: 12,346 on the wire, 1,234,600 shares.
        #expect(try await connection.averageDailyVolume(of: contract) == 1_234_600)
        // The streaming subscription that carried tick 21 is cancelled once it answered.
        #expect(await loopback.eventually { await gateway.subscriptionCount == 0 })
        await connection.stop()
        await gateway.stop()
    }

    @Test func takesTheMeanOfTheLast30BarsAndClampsAbsurdVolumes() {
        func bar(_ volume: Int64) -> TWSBar {
            TWSBar(date: "20120620", open: .zero, high: .zero, low: .zero, close: .zero, volume: volume, barCount: 1)
        }
        let bars = [bar(9_000_000)] + (1...30).map { bar(Int64($0) * 1_000) }
        #expect(IBKRConnection.averageVolume(bars[...]) == 15_500)
        #expect(IBKRConnection.averageVolume([bar(.max), bar(.max)][...]) == Int64.max / 64)
        #expect(IBKRConnection.averageVolume([][...]) == 0)
    }

    @Test func saysWhyWhenNeitherSourceAnswers() async throws {
        let gateway = TWSGateway(
            configuration: GatewayConfiguration(symbol: "TSLA", sessionDate: GatewayLoopbackTests.date, speed: 0, servesDailyBars: false))
        let port = try await gateway.start(port: 0)
        let connection = loopback.makeConnection(port)
        try await connection.start()
        do {
            _ = try await connection.averageDailyVolume(of: .stock("ZZZZ"), timeout: .seconds(2))
            Issue.record("an unknown symbol had an average volume")
        } catch let error as IBKRConnectionError {
            #expect(error.description.hasPrefix("no average daily volume for ZZZZ, so RVOL_DAY stays null: 30 daily bars: TWS refused request"))
            #expect(error.description.contains("generic tick 165: TWS refused request"))
            #expect(error.description.contains("200"))
        }
        await connection.stop()
        await gateway.stop()
    }
}
