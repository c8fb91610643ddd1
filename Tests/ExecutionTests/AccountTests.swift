import MarketData
import StateVector
import Testing

@testable import Execution

@Suite struct AccountTests {
    func fill(_ id: String, _ side: TradeSide, _ quantity: Int64, _ price: String, commission: String = "1") -> Fill {
        Fill(
            executionID: id, side: side, price: Price(parsing: price) ?? .zero, quantity: quantity,
            commission: Money(parsing: commission) ?? .zero, addedLiquidity: false)
    }

    func money(_ text: String) -> Money { Money(parsing: text) ?? Money(raw: .min) }

    @Test func scaleInAndPartialClosesRealizeExactly() {
        var account = Account()
        account.apply(fill("1", .buy, 100, "10.00"))
        account.apply(fill("2", .buy, 50, "10.03"))
        #expect(account.position == 150 && account.averageEntry == money("10.01"))
        account.apply(fill("3", .sell, 60, "10.05"))
        #expect(account.realizedPL == money("2.40"))
        #expect(account.position == 90 && account.averageEntry == money("10.01"))
        account.apply(fill("4", .sell, 90, "9.99"))
        // Proceeds 1502.10 less cost 1501.50, to the hundredth of a cent.
        #expect(account.realizedPL == money("0.60"))
        #expect(account.commissions == money("4"))
        #expect(account.dailyPL == money("-3.40"))
        #expect(account.dailyTrades == 1)
        #expect(account.costBasis == .zero && account.averageEntry == nil)
    }

    @Test func flipThroughFlatIsANewTradeAndShortsMarkAtTheAsk() {
        var account = Account()
        account.apply(fill("1", .buy, 100, "10.00", commission: "0"))
        account.apply(fill("2", .sell, 150, "10.10", commission: "0"))
        #expect(account.realizedPL == money("10.00"))
        #expect(account.position == -50 && account.averageEntry == money("10.10"))
        #expect(account.dailyTrades == 2)
        account.mark(bid: money("10.19"), ask: money("10.20"))
        #expect(account.unrealizedPL == money("-5.00"))
        let state = account.state
        #expect(state.position == 50 && state.positionSide == .short && state.avgEntry == money("10.10"))
        #expect(state.dailyPL == money("5.00"))
    }

    @Test func longsMarkAtTheBidAndKeepTheLastMark() {
        var account = Account()
        account.apply(fill("1", .buy, 100, "10.00", commission: "0"))
        account.mark(bid: money("9.95"), ask: money("9.96"))
        #expect(account.unrealizedPL == money("-5.00"))
        account.mark(bid: nil, ask: money("9.99"))
        #expect(account.unrealizedPL == money("-5.00"), "an empty bid side keeps the last bid")
    }

    @Test func averageEntryRoundsHalfAwayFromZero() {
        var account = Account()
        account.apply(fill("1", .buy, 1, "10.00"))
        account.apply(fill("2", .buy, 2, "10.01"))
        #expect(account.averageEntry == money("10.0067"))
    }

    @Test func aRepeatedExecutionCountsOnce() {
        var account = Account()
        let first = account.apply(fill("X.1", .buy, 100, "10.00"))
        let repeated = account.apply(fill("X.1", .buy, 100, "10.00"))
        #expect(first && !repeated)
        #expect(account.position == 100 && account.commissions == money("1"))
    }

    @Test func snapshotRestoresTheDay() {
        var account = Account()
        account.apply(fill("1", .sell, 100, "245.50"))
        account.mark(bid: money("245.40"), ask: money("245.42"))
        let restored = Account(snapshot: account.snapshot)
        #expect(restored == account)
        #expect(!Account(snapshot: account.snapshot).executionIDs.isEmpty)
    }
}
