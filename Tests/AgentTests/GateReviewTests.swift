import Brain
import Execution
import Foundation
import MarketData
import StateVector
import Strategy
import Testing

@testable import Agent

/// `fsd decide` judges with `GateReview`; the agent with the same gate and risk manager inside its
/// loop. They must never answer differently: the seed's scenarios, every gate rule on hand-built
/// states, a far target before each kind of key level, and every answer of a replayed session.
@Suite struct GateReviewTests {
    private static let root = ScriptedModelBacktestTests.root
    private func p(_ text: String) -> Price { Price(parsing: text) ?? Price(raw: -1) }

    private func seedState() throws -> StateVector {
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/seed-state.json")))
        return try StateVectorDecoder.decode(bytes, fileName: "seed-state.json")
    }

    private func momentum() throws -> CompiledStrategy {
        try StrategyLoader.load(contentsOf: Self.root.appendingPathComponent("strategies/momentum.yaml").path)
    }

    private func review(_ reply: String, _ state: StateVector, strategy: CompiledStrategy? = nil) throws -> GateReview {
        let strategy = try strategy ?? momentum()
        return GateReview(
            CommandParser.parse(reply).command, state: state, checklist: strategy.evaluate(state), risk: strategy.definition.risk,
            at: Timestamp(hours: 10, minutes: 0, seconds: 0))
    }

    /// A long position of 100 at 245.00 with a working stop at 244.85 and target at 245.80.
    private func holding(stop: Bool = true) throws -> StateVector {
        var state = try seedState()
        state.account.position = 100
        state.account.positionSide = .long
        state.account.avgEntry = p("245.00")
        state.activeOrders = [ActiveOrder(id: "t", role: .target, side: .sell, type: .limit, price: p("245.80"), qty: 100, status: .working)]
        if stop {
            state.activeOrders.append(ActiveOrder(id: "s", role: .stop, side: .sell, type: .stop, price: p("244.85"), qty: 100, status: .working))
        }
        return state
    }

    @Test func seedScenarioAIsAcceptedBecauseTheTargetStandsJustBeforeTheWall() throws {
        let verdict = try review("ENTER_LONG(245.50, 245.30, 246.80)", try seedState())
        #expect(verdict.verdict.kind == .accepted, "\(verdict.verdict)")
        #expect(verdict.refusals.isEmpty)
    }

    @Test func theSameTargetWithoutTheWallIsRefusedByRisk() throws {
        var state = try seedState()
        state.market.domWalls = []
        let verdict = try review("ENTER_LONG(245.50, 245.30, 246.80)", state)
        #expect(verdict.verdict.kind == .refused)
        #expect(verdict.verdict.reason.hasPrefix("refused ENTER_LONG by risk: "), "\(verdict.verdict)")
        #expect(verdict.refusals.count == 1)
        if case .targetTooFar = verdict.refusals.first {} else { Issue.record("\(verdict.refusals)") }
    }

    @Test func everyLimitAnEntryBreaksIsListed() throws {
        var state = try seedState()
        state.market.domWalls = []
        state.account.dailyTrades = 10
        // Stop 0.30 away, target 1.30 away with no level, and the day's trades used up.
        let verdict = try review("ENTER_LONG(245.50, 245.20, 246.80)", state)
        let names = verdict.refusals.map(\.code)
        #expect(names == ["tradeLimit", "stopTooFar", "targetTooFar"], "\(names)")
    }

    @Test func waitingOnASetupDeclinesItAndAFailingEntryIsRefusedWithItsValue() throws {
        #expect(try review("WAIT(\"CVD is falling: divergence\")", try seedState()).verdict.reason.hasPrefix("model declined the LONG setup"))
        var state = try seedState()
        state.market.cvdTrend = .falling
        let verdict = try review("ENTER_LONG(245.50, 245.35, 246.00)", state)
        #expect(verdict.verdict.kind == .refused)
        #expect(verdict.verdict.reason.contains("CVD_TREND"), "\(verdict.verdict)")
        #expect(verdict.verdict.reason.hasSuffix("at arrival"))
    }

    @Test func stopAndTargetChangesFollowTheAgentsRules() throws {
        let flat = try seedState()
        #expect(try review("UPDATE_STOP(245.40)", flat).verdict.reason == "refused UPDATE_STOP: no position is open")
        #expect(try review("UPDATE_TARGET(246.00)", flat).verdict.reason == "refused UPDATE_TARGET: no position is open")
        // The case fsd decide used to call "AGREE: no working stop to compare with".
        #expect(
            try review("UPDATE_STOP(244.95)", try holding(stop: false)).verdict.reason
                == "refused UPDATE_STOP: the position has no working stop to move")
        #expect(try review("UPDATE_STOP(244.95)", try holding()).verdict.kind == .accepted)
        #expect(try review("UPDATE_STOP(244.70)", try holding()).verdict.reason.contains("would loosen"))
        #expect(try review("CANCEL_ALL()", try holding()).verdict.kind == .accepted)
        #expect(try review("WAIT(\"x\")", try holding()).verdict.kind == .wait)
    }

    /// A target 1.50 above a long entry (past max_target 1.00) is allowed only just in front of a
    /// level: 0.10 before each kind the risk manager knows, and refused when the level is 0.50 away.
    @Test func aFarTargetStandsBeforeEveryKindOfKeyLevel() throws {
        let kinds: [(String, (inout MarketState, Price) -> Void)] = [
            ("ask wall", { $0.domWalls = [DomWall(side: .ask, price: $1, size: 9000, tier: .major)] }),
            ("HOD", { $0.hod = $1 }), ("LOD", { $0.lod = $1 }), ("VWAP", { $0.vwap = $1 }),
            ("VP_POC", { $0.vpPOC = $1 }), ("VP_VAH", { $0.vpVAH = $1 }), ("VP_VAL", { $0.vpVAL = $1 }),
        ]
        for (name, place) in kinds {
            for (gap, accepted) in [("246.60", true), ("247.00", false)] {
                var state = try holding()
                state.market.domWalls = []
                (state.market.hod, state.market.lod, state.market.vwap) = (nil, nil, nil)
                (state.market.vpPOC, state.market.vpVAH, state.market.vpVAL) = (nil, nil, nil)
                place(&state.market, p(gap))
                let verdict = try review("UPDATE_TARGET(246.50)", state)
                #expect((verdict.verdict.kind == .accepted) == accepted, "\(name) at \(gap): \(verdict.verdict)")
            }
        }
    }

    /// The agent on the bundled session, answered by a script that cycles through every kind of
    /// command: at each answer, decide's judgement of the same state must be the agent's verdict.
    @Test func theAgentAndDecideAgreeOnEveryAnswerOfAReplayedSession() throws {
        let strategy = try StrategyLoader.load(contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let settings = AgentSettings(
            account: "test", symbol: venue.symbol, session: venue.sessionDate, mode: .backtest, broker: "sim",
            modelDescription: "script", rulesOnly: false)
        let core = AgentCore(
            settings: settings, strategy: strategy, broker: venue, journal: nil, recovered: nil,
            averageDailyVolume: 2_100_000, startAt: Timestamp(hours: 9, minutes: 30, seconds: 0))
        let end = Timestamp(hours: 9, minutes: 45, seconds: 0)
        var step = 0
        var kinds: [GateVerdict.Kind: Int] = [:]
        while let event = try venue.peek(), event.time < end {
            while core.nextTick < event.time {
                let time = core.nextTick
                guard let question = core.tick(at: time) else { continue }
                core.pollBroker(at: time)
                let state = core.state(at: time)
                guard let bid = state.market.bidStack.first?.price, let ask = state.market.askStack.first?.price else { continue }
                let scripts = [
                    "ENTER_LONG(\(ask.display), \((ask - Price(cents: 15)).display), \((ask + Price(cents: 40)).display))",
                    "ENTER_SHORT(\(bid.display), \((bid + Price(cents: 15)).display), \((bid - Price(cents: 150)).display))",
                    "UPDATE_STOP(\((bid - Price(cents: 10)).display))", "UPDATE_STOP(\((bid - Price(cents: 60)).display))",
                    "UPDATE_TARGET(\((ask + Price(cents: 30)).display))", "WAIT(\"nothing\")", "CANCEL_ALL()", "not a command",
                ]
                let text = scripts[step % scripts.count]
                step += 1
                let command = CommandParser.parse(text).command
                let expected = GateReview(
                    command, state: state, checklist: strategy.evaluate(state, previous: core.previous), risk: strategy.definition.risk,
                    at: time, lastDataTime: core.engine.lastEventTime, halt: core.execution.halt,
                    flattening: core.execution.orders.isFlattening, commandGiven: CommandParser.parse(text).failure == nil)
                let answer = ModelAnswer(
                    consultation: question.id, reply: CommandParser.parse(text), latency: .zero)
                let verdict = core.answer(answer, at: time)
                kinds[verdict.kind, default: 0] += 1
                if verdict.kind != expected.verdict.kind || verdict.reason != expected.verdict.reason {
                    Issue.record("at \(time.clock) \(text): agent \(verdict) ≠ decide \(expected.verdict)")
                    return
                }
            }
            venue.take()
            core.apply(event)
        }
        #expect(step > 100)
        #expect((kinds[.accepted] ?? 0) > 0 && (kinds[.refused] ?? 0) > 0 && (kinds[.wait] ?? 0) > 0, "\(kinds)")
        #expect(core.execution.account.dailyTrades > 0)
    }
}
