import MarketData
import StateVector
import TestSupport
import Testing

@testable import Execution

/// #16: random market moves and commands, run twice on identical inputs: once uninterrupted, once
/// killed and restarted many times from what the journal would hold (the last snapshot, plus the
/// broker reports written after it when the kill came inside a batch). The broker survives the
/// agent's crash, as TWS does. The restarted run must end with the same account (P&L, commissions,
/// trade count, position), the same halt and the same open orders, and no execution may ever be
/// booked twice nor any order fill past its quantity.
@Suite struct RecoveryPropertyTests {
    typealias M = Market

    /// One step of a script: the market's events, then at most one command.
    struct Step {
        var events: [TimedEvent]
        var command: TradeCommand?
    }

    /// A venue and the execution engine on it; `restart` replaces the engine, keeping the venue.
    final class Run {
        let exchange: SimulatedExchange
        var engine: ExecutionEngine
        let limits: RiskLimits
        /// The snapshot written after the last batch, as the journal holds it.
        var journaled: ExecutionSnapshot
        var restarts = 0
        var midBatchRestarts = 0
        var reportsReplayed = 0
        /// Every execution the account booked, by id (a repeat would be a double count).
        var executions: [String: Int] = [:]

        init(limits: RiskLimits) {
            self.limits = limits
            exchange = SimulatedExchange(configuration: .init(latency: .milliseconds(20)))
            engine = Self.engine(exchange, limits, restoring: nil)
            journaled = engine.snapshot
        }

        static func engine(_ exchange: SimulatedExchange, _ limits: RiskLimits, restoring: ExecutionSnapshot?) -> ExecutionEngine {
            ExecutionEngine(
                broker: exchange, limits: limits,
                configuration: OrderManager.Configuration(session: "T", entryTimeout: .seconds(3)), session: "2012-06-21",
                restoring: restoring)
        }

        func market(_ ms: Int64) -> MarketContext {
            MarketContext(
                time: M.time(ms), bid: exchange.book.bestBid?.price, ask: exchange.book.bestAsk?.price, lastDataTime: M.time(ms))
        }

        /// Runs one step; `kill` restarts after it (at the batch's end) or inside its update batch.
        func run(_ step: Step, at ms: Int64, kill: Kill?) {
            for event in step.events { exchange.apply(event) }
            exchange.advance(to: M.time(ms + 5))
            let update = engine.update(market: market(ms + 5))
            book(update)
            let reports = update.compactMap { event -> ExecutionReport? in
                if case .report(let report) = event { return report }
                return nil
            }
            if kill == .insideBatch, update.allSatisfy({ if case .report = $0 { true } else { false } }), !reports.isEmpty,
                restartable
            {
                // The report lines were written; the snapshot after them was not.
                restart(from: journaled.applying(reports), at: ms + 6)
                midBatchRestarts += 1
                reportsReplayed += reports.count
            }
            journaled = engine.snapshot
            if let command = step.command {
                _ = engine.execute(command, market: market(ms + 10))
                journaled = engine.snapshot
            }
            if kill == .afterBatch, restartable { restart(from: journaled, at: ms + 11) }
        }

        /// A restart cancels the rest of a partly filled entry by design (docs/AGENT.md), which an
        /// uninterrupted run keeps working; kills are taken where that policy does not apply.
        var restartable: Bool {
            !engine.orders.liveOrders.contains { $0.request.role == .entry && $0.filledQuantity > 0 }
        }

        private func restart(from snapshot: ExecutionSnapshot, at ms: Int64) {
            engine = Self.engine(exchange, limits, restoring: snapshot)
            book(engine.resume(at: M.time(ms)))
            restarts += 1
        }

        private func book(_ events: [ExecutionEvent]) {
            for case .report(let report) in events {
                if case .fill(let fill) = report.event { executions[fill.executionID, default: 0] += 1 }
            }
        }
    }

    enum Kill { case afterBatch, insideBatch }

    @Test func aRestartedRunEndsWhereAnUninterruptedOneDoes() throws {
        var restarts = 0
        var midBatch = 0
        var replayed = 0
        var halts = 0
        var trades: Int64 = 0
        for seed in 0..<40 {
            let (uninterrupted, restarted) = try compare(seed: UInt64(seed))
            restarts += restarted.restarts
            midBatch += restarted.midBatchRestarts
            replayed += restarted.reportsReplayed
            if uninterrupted.engine.halt != nil { halts += 1 }
            trades += uninterrupted.engine.account.dailyTrades
        }
        // The scripts must exercise what they test: many restarts, some inside a batch, halts, trades.
        #expect(restarts > 400, "\(restarts) restarts")
        #expect(midBatch > 30, "\(midBatch) restarts inside a batch")
        #expect(replayed > 40)
        #expect(halts > 0 && halts < 40, "\(halts) of 40 runs halted")
        #expect(trades > 100, "\(trades) trades")
    }

    private func compare(seed: UInt64) throws -> (Run, Run) {
        var random = SplitMix64(seed: seed)
        var limits = RiskLimits()
        limits.maxDailyLoss = Money(cents: 40_00)
        limits.maxTradesPerDay = 8
        let steps = script(&random)
        let a = Run(limits: limits)
        let b = Run(limits: limits)
        for (index, step) in steps.enumerated() {
            let ms = Int64(index) * 100
            a.run(step, at: ms, kill: nil)
            let roll = Int.random(in: 0..<100, using: &random)
            b.run(step, at: ms, kill: roll < 4 ? .afterBatch : roll < 12 ? .insideBatch : nil)
        }
        let context = "seed \(seed)"
        let left = a.engine.account
        let right = b.engine.account
        #expect(right.realizedPL == left.realizedPL, "\(context)")
        #expect(right.commissions == left.commissions, "\(context)")
        #expect(right.dailyTrades == left.dailyTrades, "\(context)")
        #expect(right.position == left.position, "\(context)")
        #expect(right.executionIDs == left.executionIDs, "\(context)")
        #expect(b.engine.halt == a.engine.halt, "\(context)")
        let open = { (run: Run) in run.engine.orders.liveOrders.map { "\($0.request.id) \($0.state) \($0.workingQuantity)" } }
        #expect(open(b) == open(a), "\(context)")
        #expect(b.executions.values.allSatisfy { $0 == 1 }, "\(context): an execution was booked twice")
        for order in b.engine.orders.orders.values {
            #expect(order.filledQuantity <= order.request.quantity, "\(context): \(order.request.id) filled past its quantity")
        }
        return (a, b)
    }

    /// 600 steps of 100 ms: a book moving a few cents a step with gaps, prints, and commands.
    private func script(_ random: inout SplitMix64) -> [Step] {
        var steps: [Step] = []
        var mid: Int64 = 100_00
        var bids: [Int64] = []
        var asks: [Int64] = []
        for index in 0..<600 {
            let ms = Int64(index) * 100
            mid += Int64.random(in: -3...3, using: &random)
            if Int.random(in: 0..<100, using: &random) < 5 { mid += Int64.random(in: -40...40, using: &random) }
            let spread = [1, 1, 2, 3][Int.random(in: 0..<4, using: &random)] as Int64
            var events = M.movedBook(bids: &bids, asks: &asks, mid: mid, spread: spread, sizes: 20...300, at: ms, using: &random)
            if Bool.random(using: &random) {
                let buy = Bool.random(using: &random)
                events.append(M.trade(buy ? mid + spread : mid, .random(in: 1...250, using: &random), buy ? .buy : .sell, at: ms + 1))
            }
            var command: TradeCommand?
            let roll = Int.random(in: 0..<100, using: &random)
            if roll < 12 {
                let long = Bool.random(using: &random)
                let limit = (long ? mid + spread : mid) + .random(in: -2...2, using: &random)
                let stop = Int64.random(in: 5...20, using: &random)
                let target = Int64.random(in: 10...80, using: &random)
                command = .enter(
                    EntryIntent(
                        side: long ? .long : .short, limit: M.price(limit), stop: M.price(long ? limit - stop : limit + stop),
                        target: M.price(long ? limit + target : limit - target), quantity: .random(in: 10...100, using: &random)))
            } else if roll < 17 {
                command = .updateStop(M.price(mid + .random(in: -20...20, using: &random)))
            } else if roll < 19 {
                command = .cancelAllAndFlatten(reason: "CANCEL_ALL()")
            }
            steps.append(Step(events: events, command: command))
        }
        return steps
    }
}
