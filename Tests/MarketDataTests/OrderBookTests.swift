import Testing

@testable import MarketData

@Suite struct OrderBookTests {
    func update(_ side: BookSide, _ cents: Int64, _ size: Int64, _ op: DepthOperation = .update) -> DepthUpdate {
        DepthUpdate(side: side, price: Price(cents: cents), size: size, operation: op)
    }

    @Test func keepsBothSidesBestFirst() {
        var book = OrderBook()
        for (cents, size) in [(100_00, 5), (100_02, 7), (99_98, 3)] as [(Int64, Int64)] {
            book.apply(update(.bid, cents, size, .insert))
        }
        for (cents, size) in [(100_05, 1), (100_03, 2), (100_09, 9)] as [(Int64, Int64)] {
            book.apply(update(.ask, cents, size, .insert))
        }
        #expect(book.bids.map(\.price.raw) == [1_000_200, 1_000_000, 999_800])
        #expect(book.asks.map(\.price.raw) == [1_000_300, 1_000_500, 1_000_900])
        #expect(book.spread == Price(cents: 1))
        book.apply(update(.bid, 100_02, 0))
        #expect(book.bestBid == BookLevel(price: Price(cents: 100_00), size: 5))
        book.apply(update(.ask, 100_05, 11))
        #expect(book.size(.ask, at: Price(cents: 100_05)) == 11)
        book.apply(update(.ask, 100_07, 0, .delete))
        #expect(book.asks.count == 3)
        book.clear()
        #expect(book.bestBid == nil && book.spread == nil)
    }

    @Test func deepBooksMatchASortedModelThroughRandomUpdates() {
        var book = OrderBook()
        var model: [BookSide: [Int64: Int64]] = [.bid: [:], .ask: [:]]
        // A fixed linear congruential sequence: the same 20,000 updates on every run.
        var state: UInt64 = 42
        func random(_ bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            let side: BookSide = random(2) == 0 ? .bid : .ask
            let cents = side == .bid ? 100_00 - random(60) : 100_01 + random(60)
            let size = random(4) == 0 ? 0 : random(1_000) + 1
            let operation: DepthOperation = size == 0 ? .delete : (random(2) == 0 ? .insert : .update)
            book.apply(DepthUpdate(side: side, price: Price(cents: cents), size: size, operation: operation))
            model[side]?[cents * 100] = size == 0 ? nil : size
        }
        let bids = (model[.bid] ?? [:]).sorted { $0.key > $1.key }.map { BookLevel(price: Price(raw: $0.key), size: $0.value) }
        let asks = (model[.ask] ?? [:]).sorted { $0.key < $1.key }.map { BookLevel(price: Price(raw: $0.key), size: $0.value) }
        #expect(bids.count > 30 && asks.count > 30)
        #expect(book.bids == bids)
        #expect(book.asks == asks)
    }
}
