import MarketData
import StateVector
import Testing

@testable import Execution

@Suite struct SimulatedExchangeTests {
    typealias M = Market

    @Test func marketableLimitWalksTheLevelsAfterTheLatency() throws {
        let exchange = M.exchange(latency: 10)
        exchange.submit(M.limit("A", .buy, 250, 100_02), at: M.time(1_000))
        exchange.apply(M.depth(.bid, 99_97, 100, at: 1_005))
        #expect(exchange.drainReports().isEmpty, "not active before the latency has passed")
        exchange.apply(M.depth(.bid, 99_96, 100, at: 1_010))
        let reports = exchange.drainReports()
        #expect(reports.first?.event == .accepted)
        #expect(reports.fills == ["100@100.01", "150@100.02"])
        #expect(reports.compactMap(\.fill).map(\.commission) == [Money(cents: 100), Money(cents: 25)])
        #expect(reports.compactMap(\.fill).allSatisfy { !$0.addedLiquidity })
        let last = try #require(reports.last)
        #expect(last.state == .filled && last.filledQuantity == 250 && last.workingQuantity == 0)
        #expect(last.time == M.time(1_010))
    }

    @Test func partialFillRestsTheRemainderAtItsLimit() throws {
        let exchange = M.exchange()
        exchange.submit(M.limit("B", .buy, 400, 100_02), at: M.time(0))
        exchange.advance(to: M.time(10))
        var reports = exchange.drainReports()
        #expect(reports.fills == ["100@100.01", "200@100.02"])
        let rested = try #require(reports.last)
        #expect(rested.state == .partiallyFilled && rested.filledQuantity == 300 && rested.workingQuantity == 100)
        #expect(exchange.queueAhead(of: "B") == 0)
        exchange.apply(M.trade(100_02, 60, .sell, at: 20))
        reports = exchange.drainReports()
        #expect(reports.fills == ["60@100.02"])
        #expect(reports.last?.workingQuantity == 40)
        #expect(reports.last?.fill?.addedLiquidity == true)
        // 300 shares cost $1.50, 360 shares $1.80: the third execution pays the difference.
        #expect(reports.last?.fill?.commission == Money(cents: 30))
    }

    @Test func restingLimitWaitsForTheQueueAheadOfIt() throws {
        let exchange = M.exchange()
        exchange.submit(M.limit("Q", .buy, 100, 100_00), at: M.time(0))
        exchange.advance(to: M.time(10))
        #expect(exchange.queueAhead(of: "Q") == 300)
        // A print of 200 at our price and the level shrinking by the same 200: counted once.
        exchange.apply(M.trade(100_00, 200, .sell, at: 20, endsBatch: false))
        exchange.apply(M.depth(.bid, 100_00, 100, at: 20))
        #expect(exchange.queueAhead(of: "Q") == 100)
        // Cancellations ahead of us shrink the queue.
        exchange.apply(M.depth(.bid, 100_00, 40, at: 30))
        #expect(exchange.queueAhead(of: "Q") == 40)
        #expect(exchange.drainReports().fills.isEmpty)
        exchange.apply(M.trade(100_00, 70, .sell, at: 40, endsBatch: false))
        exchange.apply(M.depth(.bid, 100_00, 0, at: 40))
        var reports = exchange.drainReports()
        #expect(reports.fills == ["30@100.00"])
        // A print through our price fills the rest at our price.
        exchange.apply(M.trade(99_99, 80, .sell, at: 50))
        reports += exchange.drainReports()
        #expect(reports.fills == ["30@100.00", "70@100.00"])
        #expect(reports.compactMap(\.fill).map(\.commission) == [Money(cents: 100), .zero])
        #expect(exchange.state(of: "Q") == .filled)
    }

    @Test func buyingDoesNotReachARestingBuy() {
        let exchange = M.exchange()
        exchange.submit(M.limit("Q", .buy, 100, 100_00), at: M.time(0))
        exchange.advance(to: M.time(10))
        exchange.apply(M.trade(100_00, 1_000, .buy, at: 20))
        #expect(exchange.queueAhead(of: "Q") == 300)
        #expect(exchange.drainReports().fills.isEmpty)
    }

    @Test func stopTriggersOnAPrintThatSetsLastAndWalksTheBook() throws {
        let exchange = M.exchange()
        exchange.submit(M.stop("S", .sell, 100, 99_95), at: M.time(0))
        exchange.advance(to: M.time(10))
        // An odd lot below the stop does not move LAST: no trigger.
        exchange.apply(M.trade(99_90, 10, .sell, at: 20, setsLast: false))
        #expect(exchange.drainReports().fills.isEmpty)
        // The bid side falls away.
        for cents: Int64 in [100_00, 99_99, 99_98] {
            exchange.apply(M.depth(.bid, cents, 0, at: 30, endsBatch: false))
        }
        exchange.apply(M.depth(.bid, 99_94, 30, at: 30, endsBatch: false))
        exchange.apply(M.depth(.bid, 99_93, 50, at: 30, endsBatch: false))
        exchange.apply(M.depth(.bid, 99_90, 100, at: 30))
        #expect(exchange.drainReports().fills.isEmpty)
        // A print at 99.94 triggers; the stop sells at the end of the message into what is left.
        exchange.apply(M.trade(99_94, 10, .sell, at: 40, endsBatch: false))
        exchange.apply(M.depth(.bid, 99_94, 20, at: 40))
        let reports = exchange.drainReports()
        #expect(reports.fills == ["20@99.94", "50@99.93", "30@99.90"])
        let value = reports.compactMap(\.fill).reduce(Money.zero) { $0 + $1.price * $1.quantity }
        #expect(value == Money(cents: 9_992_30), "average 99.923: 2.7 cents of slippage")
        #expect(exchange.state(of: "S") == .filled)
    }

    @Test func cancelActsOnlyAfterTheLatency() throws {
        let exchange = M.exchange(latency: 10)
        exchange.submit(M.limit("L", .buy, 100, 100_00), at: M.time(0))
        exchange.advance(to: M.time(10))
        exchange.cancel("L", at: M.time(100))
        exchange.apply(M.trade(100_00, 400, .sell, at: 105))
        exchange.advance(to: M.time(110))
        let reports = exchange.drainReports()
        #expect(reports.fills == ["100@100.00"])
        let refused = try #require(reports.last)
        #expect(refused.event == .requestRefused(reason: "cannot cancel L: it is filled"))
        #expect(refused.state == .filled)

        exchange.submit(M.limit("M", .buy, 100, 99_99), at: M.time(200))
        exchange.cancel("M", at: M.time(201))
        exchange.advance(to: M.time(211))
        let cancelled = exchange.drainReports()
        #expect(cancelled.map(\.state) == [.working, .cancelled])
        exchange.apply(M.trade(99_98, 500, .sell, at: 215))
        #expect(exchange.drainReports().isEmpty)
    }

    @Test func newOppositeSizeCrossingARestingLimitFillsItAtItsPrice() {
        let exchange = M.exchange()
        exchange.submit(M.limit("X", .buy, 50, 100_00), at: M.time(0))
        exchange.advance(to: M.time(10))
        exchange.apply(M.depth(.bid, 100_00, 0, at: 20))
        #expect(exchange.queueAhead(of: "X") == 0)
        exchange.apply(M.depth(.ask, 100_00, 40, at: 30))
        exchange.apply(M.depth(.ask, 100_00, 30, at: 40))
        exchange.apply(M.depth(.ask, 100_00, 60, at: 50))
        #expect(exchange.drainReports().fills == ["40@100.00", "10@100.00"])
        #expect(exchange.state(of: "X") == .filled)
    }

    @Test func aResubmittedIDNeverCreatesASecondOrder() {
        let exchange = M.exchange()
        let order = M.limit("DUP", .buy, 100, 100_01)
        exchange.submit(order, at: M.time(0))
        exchange.submit(order, at: M.time(1))
        var changed = order
        changed.price = M.price(100_03)
        exchange.submit(changed, at: M.time(2))
        exchange.advance(to: M.time(20))
        let reports = exchange.drainReports()
        #expect(reports.filter { $0.event == .accepted }.count == 1)
        #expect(reports.fills == ["100@100.01"])
    }

    @Test func takenLiquidityIsNotTakenTwice() {
        let exchange = M.exchange()
        exchange.submit(M.limit("A", .buy, 60, 100_01), at: M.time(0))
        exchange.submit(M.limit("B", .buy, 60, 100_01), at: M.time(0))
        exchange.advance(to: M.time(10))
        let reports = exchange.drainReports()
        #expect(reports.fills == ["60@100.01", "40@100.01"])
        #expect(exchange.queueAhead(of: "B") == 0)
    }

    @Test func rejectsWhatNoExchangeWouldTake() {
        let exchange = M.exchange()
        var subPenny = M.limit("P", .buy, 100, 100_00)
        subPenny.price = Price(raw: 1_000_050)
        exchange.submit(
            [subPenny, M.limit("Z", .buy, 0, 100_00), M.limit("C", .sell, 100, 101_00, role: .target, parent: "NONE")],
            at: M.time(0))
        exchange.advance(to: M.time(10))
        let reasons = exchange.drainReports().compactMap { report -> String? in
            if case .rejected(let reason) = report.event { return "\(report.orderID): \(reason)" }
            return nil
        }
        #expect(
            reasons == [
                "P: price 100.0050 is not a whole cent (prices of $1.00 and above trade in cents)",
                "Z: quantity 0: an order needs at least 1 share",
                "C: unknown parent order NONE",
            ])
    }

    @Test func repricingALimitCostsItsPlaceInTheQueue() {
        let exchange = M.exchange()
        exchange.submit(M.limit("R", .buy, 100, 99_99), at: M.time(0))
        exchange.advance(to: M.time(10))
        #expect(exchange.queueAhead(of: "R") == 200)
        exchange.modify("R", price: M.price(99_98), at: M.time(20))
        exchange.advance(to: M.time(30))
        #expect(exchange.queueAhead(of: "R") == 500)
        #expect(exchange.drainReports().last?.event == .modified(price: M.price(99_98)))
        // Repriced through the ask it takes liquidity at once.
        exchange.modify("R", price: M.price(100_01), at: M.time(40))
        exchange.advance(to: M.time(50))
        #expect(exchange.drainReports().fills == ["100@100.01"])
    }

    @Test func aQuoteFeedAloneKeepsAOneLevelBook() {
        let exchange = SimulatedExchange(configuration: .init(latency: .zero))
        let quote = Quote(bid: M.price(99_99), bidSize: 200, ask: M.price(100_01), askSize: 100)
        exchange.apply(TimedEvent(time: M.time(0), event: .quote(quote)))
        exchange.submit(M.limit("Q", .buy, 150, 100_05), at: M.time(1))
        let moved = Quote(bid: M.price(100_00), bidSize: 300, ask: M.price(100_02), askSize: 80)
        exchange.apply(TimedEvent(time: M.time(2), event: .quote(moved)))
        #expect(exchange.book.bids.map(\.price) == [M.price(100_00)])
        #expect(exchange.book.asks.map(\.price) == [M.price(100_02)])
        // 100 taken at 100.01 on arrival; the new ask at 100.02 crosses the 50 resting at 100.05.
        #expect(exchange.drainReports().fills == ["100@100.01", "50@100.05"])
    }

    @Test func aMarketOrderKeepsWorkingUntilLiquidityComes() {
        let exchange = M.exchange()
        exchange.submit(
            OrderRequest(id: "MKT", side: .buy, type: .market, price: nil, quantity: 800, role: .exit), at: M.time(0))
        exchange.advance(to: M.time(10))
        #expect(exchange.drainReports().fills == ["100@100.01", "200@100.02", "400@100.03"])
        #expect(exchange.state(of: "MKT") == .partiallyFilled)
        exchange.apply(M.depth(.ask, 100_03, 0, at: 20, endsBatch: false))
        exchange.apply(M.depth(.ask, 100_05, 300, at: 20))
        #expect(exchange.drainReports().fills == ["100@100.05"])
        #expect(exchange.state(of: "MKT") == .filled)
    }

    @Test func aBookResetForgetsTheLevels() {
        let exchange = M.exchange()
        exchange.apply(TimedEvent(time: M.time(5), event: .bookReset))
        #expect(exchange.book.bids.isEmpty && exchange.book.asks.isEmpty)
        exchange.submit(M.limit("A", .buy, 100, 100_01), at: M.time(6))
        exchange.apply(M.depth(.ask, 100_01, 100, at: 20))
        // It rested on arrival (nothing to take), then the new ask crossed it.
        #expect(exchange.drainReports().fills == ["100@100.01"])
    }
}
