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
}
