import MarketData
import Testing

@testable import IBKR

@Suite struct TWSResponseTests {
    static let contract = TWSContract(conId: 76792991, symbol: "TSLA", strike: "0", exchange: "SMART", localSymbol: "TSLA", tradingClass: "NMS")
    static let samples: [TWSResponse] = [
        .nextValidID(1000), .managedAccounts(["DU123", "DU456"]),
        .error(TWSErrorMessage(id: 1, code: 103, text: "Duplicate order id")),
        .depth(TWSDepthRow(reqID: 2, position: 0, marketMaker: "NSDQ", operation: .insert, side: .bid, price: Price(cents: 24550), size: 300, isSmartDepth: true)),
        .depth(TWSDepthRow(reqID: 2, position: 3, marketMaker: nil, operation: .delete, side: .ask, price: Price(cents: 24551), size: 0, isSmartDepth: false)),
        .tickByTickLast(TWSLastTick(reqID: 3, time: 1_735_828_200, price: Price(cents: 25002), size: 100, unreported: true, exchange: "NASDAQ")),
        .tickByTickBidAsk(TWSBidAskTick(reqID: 4, time: 1_735_828_200, bid: Price(cents: 25001), ask: Price(cents: 25003), bidSize: 200, askSize: 100)),
        .orderStatus(TWSOrderStatus(orderID: 1000, status: "Filled", filled: 100, remaining: 0, averageFillPrice: Price(cents: 24550), permID: 9, parentID: 0, lastFillPrice: Price(cents: 24550), clientID: 7)),
        .openOrder(TWSOpenOrder(order: .limit(1001, .sell, 100, Price(cents: 24680), orderRef: "TSLA-1-target", parentID: 1000), contract: contract, clientID: 7, permID: 12, status: "PreSubmitted")),
        .execution(reqID: -1, TWSExecution(orderID: 1000, contract: contract, execID: "0001.01", time: "20120621 09:30:01 US/Eastern", account: "DU123", exchange: "NASDAQ", side: "BOT", shares: 100, price: Price(cents: 24550), permID: 9, clientID: 7, cumulativeQuantity: 100, averagePrice: Price(cents: 24550), orderRef: "TSLA-1-entry")),
        .commission(TWSCommissionReport(execID: "0001.01", commission: Price(cents: 100), currency: "USD", realizedPnL: nil)),
        .position(TWSPosition(account: "DU123", contract: contract, position: -100, averageCost: Price(cents: 24550))),
        .positionEnd, .openOrderEnd, .executionsEnd(reqID: 4), .completedOrdersEnd,
        .historicalData(reqID: 5, start: "", end: "", bars: [TWSBar(date: "20120620", open: Price(cents: 100), high: Price(cents: 110), low: Price(cents: 90), close: Price(cents: 105), volume: 2_000_000, barCount: 1)]),
        .tickSize(reqID: 1, tickType: 21, size: 2_500_000),
    ]

    @Test func roundTripsAt178() throws {
        for sample in Self.samples {
            #expect(try TWSResponse(frame: sample.frame(serverVersion: 178), serverVersion: 178) == sample)
        }
    }

    @Test func decodesTheWireExamples() throws {
        let error = try TWSResponse(frame: TWSFrame(fields: ["4", "2", "1", "103", "Duplicate order id", ""]), serverVersion: 178)
        #expect(error == .error(TWSErrorMessage(id: 1, code: 103, text: "Duplicate order id")))
        let old = try TWSResponse(frame: TWSFrame(fields: ["4", "2", "-1", "2104", "Caf\\u00e9 farm OK"]), serverVersion: 160)
        #expect(old == .error(TWSErrorMessage(id: -1, code: 2104, text: "Café farm OK")))
        let noVersion = try TWSResponse(frame: TWSFrame(fields: ["4", "-1", "1100", "Connectivity lost", "", "1735828200000"]), serverVersion: 194)
        #expect(noVersion == .error(TWSErrorMessage(id: -1, code: 1100, text: "Connectivity lost")))
        let tick = try TWSResponse(frame: TWSFrame(fields: ["99", "1004", "2", "1735828200", "250.02", "100", "2", "NASDAQ", "  T"]), serverVersion: 178)
        #expect(tick == .tickByTickLast(TWSLastTick(reqID: 1004, time: 1_735_828_200, price: Price(cents: 25002), size: 100, unreported: true, exchange: "NASDAQ", specialConditions: "  T")))
        let javaPrice = try TWSResponse(frame: TWSFrame(fields: ["12", "1", "2", "0", "0", "1", "30.009999999999998", "500"]), serverVersion: 178)
        #expect(javaPrice == .depth(TWSDepthRow(reqID: 2, position: 0, marketMaker: nil, operation: .insert, side: .bid, price: Price(cents: 3001), size: 500, isSmartDepth: false)))
    }

    /// The layout third-party clients unpack by position (TWS-PROTOCOL.md 3.3).
    @Test func openOrderPutsParentAndStatusWhereClientsReadThem() throws {
        let open = TWSOpenOrder(order: .stop(1002, .sell, 100, Price(cents: 24530), parentID: 1000), contract: Self.contract, clientID: 7, permID: 12, status: "PreSubmitted")
        let fields = TWSResponse.openOrder(open).frame(serverVersion: 178).fields
        #expect(fields[57] == "1000")
        #expect(fields[85] == "PreSubmitted")
        #expect(fields[24] == "7" && fields[25] == "12")
        let older = TWSResponse.openOrder(open).frame(serverVersion: 170).fields
        #expect(older[58] == "1000")
        #expect(try TWSResponse(frame: TWSFrame(fields: older), serverVersion: 170) == .openOrder(open))
    }
}
