import MarketData
import StateVector
import Testing

@testable import Analytics

/// FEATURES.md "Trade side": the feed's aggressor, else the quote rule, else the tick rule; the
/// session's first print inside the spread goes by the side of the mid it is on, BUY at the mid.
@Suite struct TradeClassifierTests {
    private func print(_ cents: Int64, _ aggressor: Aggressor = .unknown, setsLast: Bool = true) -> Trade {
        Trade(price: Price(cents: cents), size: 100, aggressor: aggressor, setsLast: setsLast)
    }

    /// A classifier with the quote 100.00 × 100.04 (mid 100.02) and no print yet.
    private func quoted() -> TradeClassifier {
        var classifier = TradeClassifier()
        classifier.updateQuote(bid: Price(cents: 10000), ask: Price(cents: 10004))
        return classifier
    }

    @Test func firstPrintInsideTheSpreadGoesByTheMid() {
        var atMid = quoted()
        #expect(atMid.classify(print(10002)) == .buy)
        var aboveMid = quoted()
        #expect(aboveMid.classify(print(10003)) == .buy)
        var belowMid = quoted()
        #expect(belowMid.classify(print(10001)) == .sell)
    }

    @Test func quoteRuleAtAndBeyondTheTouch() {
        var classifier = quoted()
        #expect(classifier.classify(print(10004)) == .buy)  // at the ask
        #expect(classifier.classify(print(10005)) == .buy)  // through the ask
        #expect(classifier.classify(print(10000)) == .sell)  // at the bid
        #expect(classifier.classify(print(9999)) == .sell)  // through the bid
    }

    @Test func theFeedsAggressorWins() {
        var classifier = quoted()
        #expect(classifier.classify(print(10000, .buy)) == .buy)  // at the bid, yet a buy
        #expect(classifier.classify(print(10004, .sell)) == .sell)  // at the ask, yet a sell
    }

    @Test func tickRuleInsideTheSpread() {
        var classifier = quoted()
        #expect(classifier.classify(print(10002)) == .buy)  // first, at the mid
        #expect(classifier.classify(print(10003)) == .buy)  // up-tick from 100.02
        #expect(classifier.classify(print(10001)) == .sell)  // down-tick from 100.03
        #expect(classifier.classify(print(10001)) == .sell)  // zero-tick repeats SELL
        #expect(classifier.classify(print(10002)) == .buy)  // up-tick from 100.01
        #expect(classifier.classify(print(10002)) == .buy)  // zero-tick repeats BUY
    }

    @Test func zeroTickRepeatsAQuoteRuleSide() {
        var classifier = TradeClassifier()
        classifier.updateQuote(bid: Price(cents: 10000), ask: Price(cents: 10002))
        #expect(classifier.classify(print(10000)) == .sell)  // at the bid
        classifier.updateQuote(bid: Price(cents: 9998), ask: Price(cents: 10004))
        #expect(classifier.classify(print(10000)) == .sell)  // inside now: zero-tick repeats SELL
    }

    @Test func tickRuleWithoutAQuote() {
        var classifier = TradeClassifier()
        // Nothing to compare with at all: BUY (IBKR's own classifier, now gone, said unknown).
        #expect(classifier.classify(print(100)) == .buy)
        #expect(classifier.classify(print(101)) == .buy)
        #expect(classifier.classify(print(100)) == .sell)
        #expect(classifier.classify(print(100)) == .sell)
    }

    @Test func printsThatDoNotSetTheLastPriceAreNoTickReference() {
        var classifier = TradeClassifier()
        #expect(classifier.classify(print(10000)) == .buy)  // first, no quote
        #expect(classifier.classify(print(10005, setsLast: false)) == .buy)  // up-tick from 100.00
        // Against LAST (100.00) an up-tick; against the unreported 100.05 it would be a down-tick.
        #expect(classifier.classify(print(10002)) == .buy)
        #expect(classifier.classify(print(10001, setsLast: false)) == .sell)  // down-tick from 100.02
        #expect(classifier.classify(print(10002)) == .sell)  // zero-tick from 100.02 repeats SELL
    }
}
