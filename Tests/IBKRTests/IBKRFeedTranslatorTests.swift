import MarketData
import Testing

@testable import IBKR

@Suite struct IBKRFeedTranslatorTests {
    func row(_ position: Int, _ maker: String, _ operation: TWSDepthRow.Operation, _ side: BookSide, _ cents: Int64, _ size: Int64) -> TWSResponse {
        .depth(TWSDepthRow(reqID: 1, position: position, marketMaker: maker, operation: operation, side: side, price: Price(cents: cents), size: size, isSmartDepth: true))
    }

    @Test func smartRowsAtOnePriceAreSummedAndResetOn317() {
        var translator = IBKRFeedTranslator()
        translator.requests = .init(depth: 1, trades: 2, quotes: 3)
        #expect(translator.translate(row(0, "NSDQ", .insert, .bid, 10000, 300)) == [.depth(DepthUpdate(side: .bid, price: Price(cents: 10000), size: 300, operation: .update))])
        #expect(translator.translate(row(1, "ARCA", .insert, .bid, 10000, 200)) == [.depth(DepthUpdate(side: .bid, price: Price(cents: 10000), size: 500, operation: .update))])
        #expect(translator.translate(row(0, "NSDQ", .delete, .bid, 10000, 0)) == [.depth(DepthUpdate(side: .bid, price: Price(cents: 10000), size: 200, operation: .update))])
        // A row update that moves the price: the old level shrinks, the new one appears.
        #expect(translator.translate(row(0, "ARCA", .update, .bid, 9999, 200)) == [
            .depth(DepthUpdate(side: .bid, price: Price(cents: 9999), size: 200, operation: .update)),
            .depth(DepthUpdate(side: .bid, price: Price(cents: 10000), size: 0, operation: .delete)),
        ])
        // Tolerated: a delete of a row that does not exist changes nothing.
        #expect(translator.translate(row(7, "ARCA", .delete, .ask, 10001, 0)) == [])
        #expect(translator.translate(.error(TWSErrorMessage(id: 1, code: 317, text: "Market depth data has been RESET"))) == [.bookReset])
        #expect(translator.book.bestBid == nil)
        // Another request's rows are not ours.
        #expect(translator.translate(.depth(TWSDepthRow(reqID: 9, position: 0, marketMaker: "X", operation: .insert, side: .ask, price: Price(cents: 1), size: 1, isSmartDepth: true))) == [])
    }

    @Test func printsAreClassifiedByQuoteThenTick() {
        var translator = IBKRFeedTranslator()
        translator.requests = .init(depth: 1, trades: 2, quotes: 3)
        _ = translator.translate(.tickByTickBidAsk(TWSBidAskTick(reqID: 3, time: 0, bid: Price(cents: 10000), ask: Price(cents: 10002), bidSize: 100, askSize: 100)))
        func side(_ cents: Int64, unreported: Bool = false) -> Trade? {
            let events = translator.translate(.tickByTickLast(TWSLastTick(reqID: 2, time: 0, price: Price(cents: cents), size: 100, unreported: unreported, exchange: "NASDAQ")))
            if case .trade(let trade) = events.first { return trade }
            return nil
        }
        #expect(side(10002)?.aggressor == .buy)  // at the ask
        #expect(side(10000)?.aggressor == .sell)  // at the bid
        #expect(side(10001)?.aggressor == .buy)  // inside, up-tick from 100.00
        #expect(side(10001)?.aggressor == .buy)  // zero-tick repeats
        #expect(side(10001, unreported: true)?.setsLast == false)
    }

    /// The feature engine's classifier decides, so a live first print at the mid is a BUY as it is
    /// in a replay of the recording (IBKR's own classifier left it unknown).
    @Test func firstPrintAtTheMidIsABuy() {
        var translator = IBKRFeedTranslator()
        translator.requests = .init(depth: 1, trades: 2, quotes: 3)
        _ = translator.translate(.tickByTickBidAsk(TWSBidAskTick(reqID: 3, time: 0, bid: Price(cents: 10000), ask: Price(cents: 10002), bidSize: 100, askSize: 100)))
        let events = translator.translate(.tickByTickLast(TWSLastTick(reqID: 2, time: 0, price: Price(cents: 10001), size: 100, unreported: false, exchange: "NASDAQ")))
        #expect(events == [.trade(Trade(price: Price(cents: 10001), size: 100, aggressor: .buy))])
    }
}
