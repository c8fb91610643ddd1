import MarketData
import StateVector
import TestSupport
import Testing

@testable import Execution

/// Random sequences of commands and market moves, replayed through the simulator and the whole
/// execution layer: no limit is ever breached.
@Suite struct RiskPropertyTests {
    typealias M = Market

    struct Outcome {
        var halted = false
        var entriesAccepted = 0
        /// The kind of every refusal, e.g. `tradeLimit`.
        var refusals: [String] = []
    }

    @Test func noLimitIsEverBreached() throws {
        var outcomes: [Outcome] = []
        for seed in 0..<24 { outcomes.append(try run(seed: UInt64(seed))) }
        // The runs must reach the limits they are meant to test.
        #expect(outcomes.contains { $0.halted } && outcomes.contains { !$0.halted })
        let refusals = outcomes.flatMap(\.refusals)
        for kind in ["halted", "tradeLimit", "positionLimit", "spreadTooWide", "ordersWorking", "lossBudget", "positionOpen"] {
            #expect(refusals.contains(kind), "no run was refused for \(kind)")
        }
        #expect(outcomes.map(\.entriesAccepted).reduce(0, +) > 50)
    }

    private func run(seed: UInt64) throws -> Outcome {
        var random = SplitMix64(seed: seed)
        var limits = RiskLimits()
        limits.maxDailyLoss = Money(cents: 25_00)
        limits.maxTradesPerDay = 6
        limits.maxPosition = 100
        let desk = Desk(limits: limits, latency: 20, entryTimeout: .seconds(3), book: [])
        var outcome = Outcome()
        var mid: Int64 = 100_00
        var bids: [Int64] = []
        var asks: [Int64] = []
        var previousPosition: Int64 = 0
        var ticksSinceHalt = 0
        let context = "seed \(seed)"

        for step in 0..<800 {
            let ms = Int64(step) * 100
            // The market moves: mostly a few cents, sometimes a gap.
            mid += Int64.random(in: -3...3, using: &random)
            if Int.random(in: 0..<100, using: &random) < 6 { mid += Int64.random(in: -60...60, using: &random) }
            let spread = [1, 1, 1, 2, 3, 7][Int.random(in: 0..<6, using: &random)] as Int64
            desk.feed(M.movedBook(bids: &bids, asks: &asks, mid: mid, spread: spread, sizes: 20...400, at: ms, using: &random))
            if Bool.random(using: &random) {
                let buy = Bool.random(using: &random)
                desk.feed(
                    M.trade(
                        buy ? mid + spread : mid, .random(in: 1...300, using: &random), buy ? .buy : .sell, at: ms + 1,
                        setsLast: Int.random(in: 0..<10, using: &random) > 0))
            }

            // The agent asks for something.
            let haltedBefore = desk.engine.halt != nil
            let roll = Int.random(in: 0..<100, using: &random)
            var command: TradeCommand?
            if roll < 15 {
                let long = Bool.random(using: &random)
                let limit = (long ? mid + spread : mid) + .random(in: -2...3, using: &random)
                let stop = Int64.random(in: 5...30, using: &random)
                let target = Int64.random(in: 10...150, using: &random)
                command = .enter(
                    EntryIntent(
                        side: long ? .long : .short, limit: M.price(limit),
                        stop: M.price(long ? limit - stop : limit + stop),
                        target: M.price(long ? limit + target : limit - target),
                        quantity: .random(in: 1...150, using: &random)))
            } else if roll < 22 {
                command = .updateStop(M.price(mid + .random(in: -30...30, using: &random)))
            } else if roll < 27 {
                command = .updateTarget(M.price(mid + .random(in: -100...100, using: &random)))
            } else if roll < 29 {
                command = .cancelAllAndFlatten(reason: "CANCEL_ALL()")
            }
            if let command {
                switch desk.execute(command, at: ms + 2) {
                case .success:
                    if case .enter = command {
                        outcome.entriesAccepted += 1
                        #expect(!haltedBefore, "\(context): an entry was accepted after the halt")
                    }
                case .failure(let refusal):
                    outcome.refusals.append(refusal.code)
                }
            }
            desk.tick(ms + 50)

            // Invariants, after every step.
            let account = desk.account
            #expect(abs(account.position) <= limits.maxPosition, "\(context) step \(step): position \(account.position)")
            #expect(account.dailyTrades <= limits.maxTradesPerDay, "\(context) step \(step): \(account.dailyTrades) trades")
            if let halt = desk.engine.halt {
                outcome.halted = true
                ticksSinceHalt += 1
                // An entry working at the halt may fill until its cancel lands (one latency);
                // from the next step on the position only shrinks.
                if ticksSinceHalt > 1 {
                    #expect(abs(account.position) <= abs(previousPosition), "\(context) step \(step): risk grew after the halt")
                }
                if ticksSinceHalt > 3 {
                    #expect(account.position == 0, "\(context): still \(account.position) shares 3 ticks after the halt at \(halt.time)")
                }
            } else {
                #expect(account.dailyPL > -limits.maxDailyLoss, "\(context) step \(step): past the limit without a halt")
            }
            previousPosition = account.position
        }
        // No tick ever saw the position flip from long to short or back without being flat.
        for (before, after) in zip(desk.positions, desk.positions.dropFirst()) where before != 0 && after != 0 {
            #expect((before > 0) == (after > 0), "\(context): flipped from \(before) to \(after) without going flat")
        }
        // After the halt nothing but exits was ever sent.
        if let halt = desk.engine.halt {
            var afterHalt = false
            for event in desk.events {
                if case .halted = event { afterHalt = true }
                if afterHalt, case .submitted(let orders) = event {
                    #expect(orders.allSatisfy { $0.role == .exit }, "\(context): an order other than a flatten after \(halt.time)")
                }
            }
        }
        return outcome
    }
}
