import Brain
import Execution
import MarketData
import StateVector
import Strategy
import Testing

@testable import Agent

/// #13: the funnel on hand-built ticks: what each condition passed and blocked alone, the setups
/// found, and what stopped each one.
@Suite struct SetupFunnelTests {
    static let source = """
        name: funnel
        consult: on_setup
        entry:
          long:
            - name: delta
              when: TAPE_DELTA_5S > 0
            - name: imbalance
              when: L2_IMBALANCE > 1.5
          short:
            - name: delta
              when: TAPE_DELTA_5S < 0
            - name: imbalance
              when: L2_IMBALANCE < 0.6
        exit:
          long:
            - name: reversal
              when: L2_IMBALANCE < 0.7
              action: exit
          short:
            - name: reversal
              when: L2_IMBALANCE > 1.4
              action: exit
        risk:
          max_spread: 0.05
          chase_guard:
            long: DISTANCE_TO_HOD_PCT > 0.5

        """

    let strategy: CompiledStrategy
    let start = Timestamp(hours: 10, minutes: 0, seconds: 0)

    init() throws {
        strategy = try StrategyLoader.compile(source: Self.source, fileName: "funnel.yaml")
    }

    private func state(delta: Int64, imbalance: Double?, fromHOD: Double? = 0.1) -> StateVector {
        var state = StateVector()
        state.market.tapeDelta5s = delta
        state.market.l2Imbalance = imbalance
        state.market.distanceToHODPct = fromHOD
        return state
    }

    /// Observes `states` one tick (200 ms) apart from `start`.
    private func observe(_ states: [StateVector], into funnel: inout SetupFunnel, from offset: Int = 0) -> [(Bool, Bool)] {
        states.enumerated().map { index, state in
            let verdicts = funnel.observe(strategy, state, previous: nil, at: start + .milliseconds(200 * (offset + index)))
            return (verdicts.long, verdicts.short)
        }
    }

    @Test func eachConditionCountsTheTicksItPassedAndTheTicksItAloneFailed() {
        var funnel = SetupFunnel(strategy.definition)
        let verdicts = observe(
            [
                state(delta: 100, imbalance: 2.0),  // long setup
                state(delta: 100, imbalance: 2.0),  // the same setup goes on
                state(delta: 100, imbalance: 1.0),  // long: imbalance alone fails
                state(delta: -50, imbalance: nil),  // short: imbalance reads null, alone failing
                state(delta: -50, imbalance: 0.5),  // short setup
                state(delta: 100, imbalance: 2.0, fromHOD: 0.8),  // long conditions pass, the chase guard holds
                state(delta: 0, imbalance: 1.0),  // nothing
            ], into: &funnel)
        #expect(verdicts.map(\.0) == [true, true, false, false, false, false, false])
        #expect(verdicts.map(\.1) == [false, false, false, false, true, false, false])
        #expect(funnel.ticks == 7)
        #expect(funnel.long.conditions.map(\.passed) == [4, 3])
        #expect(funnel.long.conditions.map(\.alone) == [0, 1])
        #expect(funnel.long.conditions.map(\.null) == [0, 1])
        #expect(funnel.long.chaseGuard?.passed == 6)
        #expect(funnel.long.chaseGuard?.alone == 1)
        #expect(funnel.long.setupTicks == 3)
        #expect(funnel.short.conditions.map(\.passed) == [2, 1])
        #expect(funnel.short.conditions.map(\.alone) == [0, 1])
        #expect(funnel.short.conditions.map(\.null) == [0, 1])
        #expect(funnel.short.chaseGuard == nil)
        // Three setups: long ticks 0–1, short tick 4, long tick 5 (held back by the chase guard).
        #expect(funnel.episodes.map(\.side) == [.long, .short, .long])
        #expect(funnel.episodes.map(\.ticks) == [2, 1, 1])
        #expect(funnel.episodes[0].duration(tick: funnel.tick) == .milliseconds(400))
        #expect(funnel.episodes.allSatisfy { $0.outcome == .unanswered })
    }

    @Test func theOpenSetupsMeetTheTicksObstaclesFirstReasonFirstButNotWhileTheirQuestionIsOut() {
        var funnel = SetupFunnel(strategy.definition)
        _ = observe([state(delta: 100, imbalance: 2.0)], into: &funnel)
        funnel.noteObstacles(halted: true, modelBusy: true, holding: true, tradesUsedUp: true)
        #expect(funnel.episodes[0].obstacle == .halt)
        funnel.noteObstacles(halted: false, modelBusy: true, holding: true, tradesUsedUp: true)
        #expect(funnel.episodes[0].obstacle == .modelBusy)
        funnel.noteObstacles(halted: false, modelBusy: false, holding: false, tradesUsedUp: true)
        #expect(funnel.episodes[0].obstacle == .tradeLimit)
        funnel.asked(7, at: start)
        // The question in flight is about this setup: it waits for the answer, it is not "busy".
        funnel.noteObstacles(halted: false, modelBusy: true, holding: false, tradesUsedUp: false)
        #expect(funnel.episodes[0].obstacle == .tradeLimit)
        // Conditions pass, the chase guard holds: that is what stops the new setup.
        _ = observe([state(delta: 0, imbalance: 1.0), state(delta: 100, imbalance: 2.0, fromHOD: 0.9)], into: &funnel, from: 1)
        funnel.noteObstacles(halted: false, modelBusy: false, holding: false, tradesUsedUp: false)
        #expect(funnel.episodes[1].obstacle == .chaseGuard)
    }

    private func answer(
        _ funnel: inout SetupFunnel, _ command: Command, _ verdict: GateVerdict, anyEntry: RiskRefusal? = nil
    ) {
        funnel.answered(1, at: start + .seconds(2), command: command, verdict: verdict) { _ in anyEntry }
    }

    private func asked(_ states: [StateVector]) -> SetupFunnel {
        var funnel = SetupFunnel(strategy.definition)
        _ = observe(states, into: &funnel)
        funnel.asked(1, at: start)
        return funnel
    }

    private let long = Command.enterLong(limit: Price(cents: 24_550), stop: Price(cents: 24_530), target: Price(cents: 24_650))

    @Test func anAnswerStopsOrTakesTheSetupsItWasAskedOn() {
        let setup = [state(delta: 100, imbalance: 2.0)]
        var stale = asked(setup)
        answer(&stale, long, GateVerdict(.stale, "dropped", late: true))
        #expect(stale.episodes[0].outcome == .latency)

        var executed = asked(setup)
        var accepted = GateVerdict(.accepted, "accepted ENTER_LONG")
        accepted.executed = true
        answer(&executed, long, accepted)
        #expect(executed.episodes[0].outcome == nil)
        #expect(executed.taken == 1)
        #expect(executed.episodes[0].detail == "EXECUTED ENTER_LONG")

        var spread = asked(setup)
        let refusal = RiskRefusal.spreadTooWide(spread: Price(cents: 27), max: Price(cents: 5))
        answer(&spread, long, GateVerdict.refusedByRisk(long, refusal))
        #expect(spread.episodes[0].outcome == .spreadGuard)

        // The model waited while the spread guard would have refused any entry: the guard stopped it.
        var waited = asked(setup)
        answer(&waited, .wait(reason: "spread"), GateVerdict(.wait, "WAIT: spread", blocker: .model), anyEntry: refusal)
        #expect(waited.episodes[0].outcome == .spreadGuard)
        #expect(waited.episodes[0].detail?.hasSuffix("any entry would have been refused: \(refusal)") == true)

        var declined = asked(setup)
        answer(&declined, .wait(reason: "no"), GateVerdict(.wait, "WAIT: no", blocker: .model))
        #expect(declined.episodes[0].outcome == .model)

        // Entering the other side declines this one.
        var other = asked(setup)
        let short = Command.enterShort(limit: Price(cents: 24_549), stop: Price(cents: 24_569), target: Price(cents: 24_449))
        answer(&other, short, GateVerdict(.refused, "refused ENTER_SHORT: the short checklist fails at arrival", late: true))
        #expect(other.episodes[0].outcome == .model)

        // An answer to another question changes nothing.
        var unrelated = asked(setup)
        unrelated.answered(2, at: start, command: long, verdict: accepted) { _ in nil }
        #expect(unrelated.episodes[0].outcome == .unanswered)
    }

    @Test func aReloadWithOtherEntryRulesStartsTheCountsAgain() throws {
        var funnel = SetupFunnel(strategy.definition)
        _ = observe([state(delta: 100, imbalance: 2.0)], into: &funnel)
        funnel.adopt(strategy.definition, at: start + .seconds(1))
        #expect(funnel.countingSince == nil)
        #expect(funnel.long.conditions.map(\.passed) == [1, 1])
        let edited = try StrategyLoader.compile(
            source: Self.source.replacingOccurrences(of: "L2_IMBALANCE > 1.5", with: "L2_IMBALANCE > 1.8"), fileName: "funnel.yaml")
        funnel.adopt(edited.definition, at: start + .seconds(1))
        #expect(funnel.countingSince == start + .seconds(1))
        #expect(funnel.long.conditions.map(\.passed) == [0, 0])
        #expect(funnel.long.conditions.map(\.rule) == ["TAPE_DELTA_5S > 0", "L2_IMBALANCE > 1.8"])
        #expect(funnel.episodes.count == 1)
    }

    @Test func theWhyLineNamesTheNearestMissOrWhatStoppedTheSetups() {
        var none = SetupFunnel(strategy.definition)
        _ = observe([state(delta: 100, imbalance: 1.0), state(delta: 100, imbalance: nil), state(delta: 0, imbalance: 1.0)], into: &none)
        #expect(
            none.why
                == "No trades: no setup in 3 ticks; closest: long imbalance (L2_IMBALANCE > 1.5) was the only condition failing on 2 ticks, "
                + "and passed on 0 (it read a null on 1).")

        var stopped = asked([state(delta: 100, imbalance: 2.0)])
        answer(&stopped, long, GateVerdict.refusedByRisk(long, .spreadTooWide(spread: Price(cents: 27), max: Price(cents: 5))))
        #expect(stopped.why == "No trades: 1 setups (long 1, short 0), none taken; stopped by the spread guard (max_spread) 1.")
        #expect(stopped.table().last == "    setups 0")
        #expect(stopped.table().contains("    setups 1 over 1 ticks (median 0.2 s, longest 0.2 s); taken 0; not taken: spread guard 1"))
    }
}
