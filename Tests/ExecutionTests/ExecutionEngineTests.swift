import Foundation
import MarketData
import StateVector
import Testing

@testable import Execution

@Suite struct ExecutionEngineTests {
    typealias M = Market

    /// Bids fall to 99.72 with no print (so the stop at 99.81 does not trigger).
    static let bidsFall: [TimedEvent] = [
        M.depth(.bid, 100_00, 0, at: 200, endsBatch: false), M.depth(.bid, 99_99, 0, at: 200, endsBatch: false),
        M.depth(.bid, 99_98, 0, at: 200, endsBatch: false), M.depth(.bid, 99_72, 100, at: 200),
    ]

    func haltedDesk() throws -> Desk {
        var limits = RiskLimits()
        limits.maxDailyLoss = Money(cents: 30_00)
        let desk = Desk(limits: limits)
        _ = try desk.execute(Desk.long(100_01, 99_81, 100_50), at: 100).get()
        desk.tick(110)
        desk.feed(Self.bidsFall)
        return desk
    }

    @Test func haltsAtTheLossLimitAndFlattens() throws {
        let desk = try haltedDesk()
        // Marked at 99.72: -29.00 unrealized and the $1 commission reach -30.00.
        let halt = try #require(desk.engine.halt)
        #expect(halt.reason == "daily P&L -30.00 reached max daily loss 30.00")
        #expect(desk.events.contains(.halted(halt)))
        #expect(desk.engine.orders.isFlattening)
        // #16: the stop keeps protecting the position until the halt's exit has filled.
        let exit = OrderRequest(
            id: "T-2-exit", side: .sell, type: .market, price: nil, quantity: 100, role: .exit, ocaGroup: "T-1")
        #expect(desk.events.contains(.submitted([exit])), "the exit goes out with the halt, beside the stop")
        desk.tick(205)
        #expect(desk.exchange.state(of: "T-1-stop") == .working)
        desk.tick(210)
        #expect(desk.exchange.state(of: "T-1-stop") == .cancelled)
        desk.tick(220)
        #expect(desk.account.position == 0)
        #expect(desk.orders.isEmpty)
        // Beyond the limit only by what flattening cost: here the exit's $1 commission.
        #expect(desk.account.dailyPL == Money(cents: -31_00))
        let refused = desk.execute(Desk.long(99_73, 99_60, 99_90), at: 300).failure
        #expect(refused == .halted(halt))
    }

    @Test func aRestartKeepsTheHaltTheTradesAndThePL() throws {
        let desk = try haltedDesk()
        desk.tick(210)
        desk.tick(220)
        let data = try JSONEncoder().encode(desk.engine.snapshot)
        let snapshot = try JSONDecoder().decode(ExecutionSnapshot.self, from: data)
        #expect(snapshot == desk.engine.snapshot)
        let restarted = Desk(restoring: snapshot)
        #expect(restarted.engine.halt == desk.engine.halt)
        #expect(restarted.engine.accountState == desk.engine.accountState)
        #expect(restarted.engine.accountState.dailyTrades == 1)
        restarted.tick(300)
        if case .halted = restarted.execute(Desk.long(100_01, 99_85, 100_50), at: 300).failure {
        } else {
            Issue.record("a restart must never lift a halt")
        }
        // Ids continue where the day left off.
        #expect(restarted.engine.orders.nextSequence == 3)
    }

    /// #16: a fresh simulator took a resent leg for a new order and charged its $1 minimum again.
    @Test func aLegPartlyFilledBeforeARestartIsNotChargedTheMinimumAgain() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        desk.feed(M.trade(100_50, 40, .buy, at: 200))
        #expect(desk.account.position == 60)
        #expect(desk.account.commissions == Money(cents: 2_00), "the entry's $1 and the target's first $1")
        let data = try JSONEncoder().encode(desk.engine.snapshot)
        let restarted = Desk(restoring: try JSONDecoder().decode(ExecutionSnapshot.self, from: data))
        _ = restarted.engine.resume(at: M.time(300))
        restarted.tick(310)
        restarted.feed(M.trade(100_50, 60, .buy, at: 400))
        #expect(restarted.account.position == 0)
        // 100 shares of one target order: max($1, 100 × $0.005) = $1 in all.
        #expect(restarted.account.commissions == Money(cents: 2_00))
    }

    @Test func aRestoredPositionIsProtectedAgainUnderTheSameIDs() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        let snapshot = desk.engine.snapshot
        // A fresh simulator knows nothing of the orders; resuming sends the legs again.
        let restarted = Desk(restoring: snapshot)
        let resumed = restarted.engine.resume(at: Market.time(200))
        let legs = try #require(resumed.first)
        guard case .submitted(let requests) = legs else {
            Issue.record("expected the legs to be submitted, got \(legs)")
            return
        }
        #expect(requests.map(\.id) == ["T-1-target", "T-1-stop"])
        #expect(requests.allSatisfy { $0.parent == nil && $0.ocaGroup == "T-1" && $0.quantity == 100 })
        // Resuming twice is harmless: the broker ignores ids it knows.
        _ = restarted.engine.resume(at: Market.time(201))
        restarted.tick(211)
        #expect(restarted.orders == ["TARGET WORKING 100@100.50", "STOP WORKING 100@99.85"])
        restarted.feed(M.trade(99_85, 10, .sell, at: 300))
        #expect(restarted.account.position == 0)
        #expect(restarted.exchange.state(of: "T-1-target") == .cancelled)
        #expect(restarted.account.realizedPL == Money(cents: -1_00), "stopped out at the 100.00 bid")
    }

    @Test func aRestartUnderAHaltNeverSendsAnEntryAgain() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        // The crash came after the halt was journaled but before the entry's cancel was.
        var snapshot = desk.engine.snapshot
        snapshot.halt = Halt(time: Market.time(150), reason: "reached max daily loss 1.50")
        let restarted = Desk(restoring: snapshot)
        let resumed = restarted.engine.resume(at: Market.time(200))
        #expect(!resumed.contains { if case .submitted = $0 { true } else { false } })
        #expect(resumed.count == 3, "the entry and both legs are cancelled, not sent: \(resumed)")
        restarted.tick(211)
        #expect(restarted.account.position == 0)
        #expect(restarted.exchange.state(of: "T-1-entry") == nil)
    }

    @Test func fillsAfterARestartAreNotMistakenForOldOnes() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        desk.feed(M.trade(100_50, 50, .buy, at: 200))
        #expect(desk.account.position == 50)
        let restarted = Desk(restoring: desk.engine.snapshot)
        _ = restarted.engine.resume(at: M.time(300))
        restarted.tick(310)
        #expect(restarted.orders == ["TARGET WORKING 50@100.50", "STOP WORKING 50@99.85"])
        // The resubmitted target's first execution is its first in this simulator too.
        restarted.feed(M.trade(100_50, 50, .buy, at: 400))
        #expect(restarted.account.position == 0)
        #expect(restarted.account.realizedPL == Money(cents: 49_00))
        #expect(restarted.orders.isEmpty)
    }

    @Test func snapshotJSONIsReadableAndBadInputIsReportedPrecisely() throws {
        let desk = Desk()
        _ = try desk.execute(Desk.long(100_01, 99_85, 100_50), at: 100).get()
        desk.tick(110)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(desk.engine.snapshot), as: UTF8.self)
        #expect(text.contains(#""costBasis":"10001.0000""#))
        #expect(text.contains(#""side":"SELL""#) && text.contains(#""type":"STP""#))
        let broken = Data(text.replacingOccurrences(of: #""costBasis":"10001.0000""#, with: #""costBasis":"ten""#).utf8)
        do {
            _ = try JSONDecoder().decode(ExecutionSnapshot.self, from: broken)
            Issue.record("decoding must fail")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "expected a decimal price with at most 4 decimals, found 'ten'")
        }
    }

    @Test func reportsRoundTripThroughJSON() throws {
        let reports: [ExecutionReport] = [
            ExecutionReport(orderID: "A", time: M.time(5), event: .accepted, state: .working, filledQuantity: 0, workingQuantity: 10),
            ExecutionReport(
                orderID: "A", time: M.time(6),
                event: .fill(Fill(executionID: "A.1", side: .buy, price: M.price(100_01), quantity: 10, commission: Money(cents: 100), addedLiquidity: true)),
                state: .filled, filledQuantity: 10, workingQuantity: 0),
            ExecutionReport(orderID: "B", time: M.time(7), event: .cancelled(reason: "OCA: A filled"), state: .cancelled, filledQuantity: 0, workingQuantity: 0),
            ExecutionReport(orderID: "C", time: M.time(8), event: .modified(price: M.price(99_00)), state: .held, filledQuantity: 0, workingQuantity: 5),
        ]
        let decoded = try JSONDecoder().decode([ExecutionReport].self, from: JSONEncoder().encode(reports))
        #expect(decoded == reports)
    }

    @Test func everyEventOfARunRoundTripsThroughJSON() throws {
        let desk = try haltedDesk()
        desk.tick(210)
        desk.tick(220)
        _ = desk.execute(.cancelAllAndFlatten(reason: "CANCEL_ALL()"), at: 230)
        #expect(desk.events.contains(.flattenCompleted) && desk.events.count > 10)
        #expect(desk.events.contains { if case .halted = $0 { true } else { false } })
        let decoded = try JSONDecoder().decode([ExecutionEvent].self, from: JSONEncoder().encode(desk.events))
        #expect(decoded == desk.events)
    }
}
