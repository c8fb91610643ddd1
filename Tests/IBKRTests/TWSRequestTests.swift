import MarketData
import Testing

@testable import IBKR

@Suite struct TWSRequestTests {
    let tsla = TWSContract.stock("TSLA")

    func wire(_ request: TWSRequest, _ version: Int = 178) -> String {
        request.frame(serverVersion: version).fields.joined(separator: "|")
    }

    /// The captures of TWS-PROTOCOL.md, field for field.
    @Test func matchesTheCapturedLayouts() {
        #expect(wire(.startAPI(clientID: 7, capabilities: "")) == "71|2|7|")
        #expect(wire(.marketDepth(reqID: 2, contract: tsla, rows: 10, smart: true)) == "10|5|2|0|TSLA|STK|||||SMART|NASDAQ|USD|||10|1|")
        #expect(wire(.marketData(reqID: 1, contract: tsla, genericTicks: "165,233", snapshot: false)) == "1|11|1|0|TSLA|STK|||||SMART|NASDAQ|USD|||0|165,233|0|0|")
        #expect(wire(.tickByTick(reqID: 3, contract: tsla, tickType: "AllLast", count: 0, ignoreSize: false)) == "97|3|0|TSLA|STK|||||SMART|NASDAQ|USD|||AllLast|0|0")
        #expect(wire(.historicalData(reqID: 5, contract: tsla, endDateTime: "", barSize: "1 day", duration: "30 D", useRTH: true, whatToShow: "TRADES")) == "20|5|0|TSLA|STK|||||SMART|NASDAQ|USD|||0||1 day|30 D|1|TRADES|1|0|")
        #expect(wire(.cancelOrder(orderID: 100)) == "4|1|100|")
        #expect(wire(.globalCancel) == "58|1")
        #expect(wire(.executions(reqID: 4, clientID: 0, account: "", time: "", symbol: "")) == "7|3|4|0||||||")
    }

    @Test func placeOrderHas114FieldsAt178WithTheAgentFieldsInPlace() {
        let order = TWSOrder.stop(1002, .sell, 100, Price(cents: 24530), orderRef: "TSLA-1-stop", transmit: true, parentID: 1000)
        let fields = TWSRequest.placeOrder(order, tsla).frame(serverVersion: 178).fields
        #expect(fields.count == 114)
        #expect(TWSRequest.placeOrder(order, tsla).frame(serverVersion: 176).fields.count == 115)
        #expect(fields[1] == "1002")
        #expect(fields[16] == "SELL" && fields[17] == "100" && fields[18] == "STP")
        #expect(fields[19] == "" && fields[20] == "245.3")
        #expect(fields[26] == "TSLA-1-stop")
        #expect(fields[27] == "1" && fields[28] == "1000")
    }

    @Test func roundTripsThroughTheGatewayDecoder() throws {
        let requests: [TWSRequest] = [
            .startAPI(clientID: 3, capabilities: ""),
            .marketDepth(reqID: 9, contract: tsla, rows: 5, smart: true),
            .tickByTick(reqID: 4, contract: tsla, tickType: "BidAsk", count: 0, ignoreSize: false),
            .placeOrder(.limit(77, .buy, 200, Price(cents: 24550), orderRef: "x", transmit: false), tsla),
            .cancelOrder(orderID: 77), .globalCancel, .positions, .openOrders,
            .executions(reqID: 5, clientID: 3, account: "", time: "", symbol: ""),
            .contractDetails(reqID: 6, contract: tsla), .pnl(reqID: 8, account: "DU1"),
        ]
        for request in requests {
            #expect(try TWSRequest(frame: request.frame(serverVersion: 178), serverVersion: 178) == request)
        }
    }
}
