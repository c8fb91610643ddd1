import Brain
import MarketData
import StateVector
import Strategy
import Testing

@testable import Agent

/// #11: `gate: hold` on hand-built states. A model that answers after the setup's short life can
/// still enter when nothing has invalidated the setup; each invalidation refuses with its values.
@Suite struct GateHoldTests {
    static let source = """
        name: held
        consult: on_setup
        gate: hold
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > 1.5
              text: L2_IMBALANCE > 1.5
          short:
            - name: imbalance
              when: L2_IMBALANCE < 0.6
              text: L2_IMBALANCE < 0.6
        exit:
          long:
            - name: imbalance_reversal
              when: L2_IMBALANCE < 0.7
              action: exit
              text: "If L2_IMBALANCE falls below 0.7: EXIT."
          short:
            - name: imbalance_reversal
              when: L2_IMBALANCE > 1.4
              action: exit
              text: "If L2_IMBALANCE rises above 1.4: EXIT."
        risk:
          max_slippage: 0.02
          max_risk_per_share: 0.20
          chase_guard:
            long: DISTANCE_TO_HOD_PCT > 0.5

        """

    let strategy: CompiledStrategy
    let gate = Gate(maxDecisionAge: .milliseconds(30_000))
    let asked = Timestamp(hours: 10, minutes: 0, seconds: 0)
    /// Asked at the ask 245.50 with a 20-cent stop.
    let entry = Command.enterLong(limit: Price(cents: 24_550), stop: Price(cents: 24_530), target: Price(cents: 24_650))

    init() throws {
        strategy = try StrategyLoader.compile(source: Self.source, fileName: "held.yaml")
    }

    private func state(imbalance: Double, bid: Int64 = 24_549, ask: Int64 = 24_550, fromHOD: Double = 0.1) -> StateVector {
        var state = StateVector()
        state.market.l2Imbalance = imbalance
        state.market.bidStack = [StackLevel(price: Price(cents: bid), size: 500)]
        state.market.askStack = [StackLevel(price: Price(cents: ask), size: 300)]
        state.market.distanceToHODPct = fromHOD
        return state
    }

    /// The verdict on `entry` asked with the long checklist passing and arriving 12 s later on `arrival`.
    private func judge(_ arrival: StateVector, askedCall: ChecklistCall = .long, hold: Bool = true) -> GateVerdict {
        let setups = SetupView(strategy.evaluate(arrival), explaining: entry)
        let held = hold ? SetupHold(entry, askedCall: askedCall, state: arrival, previous: nil, strategy: strategy) : nil
        return gate.judge(entry, askedAt: asked, arrivedAt: asked + .seconds(12), state: arrival, setups: setups, hold: held)
    }

    @Test func theFileNamesTheModeAndAHeldGateWaitsThirtySecondsByDefault() {
        #expect(strategy.definition.gate == .hold)
        #expect(strategy.definition.risk.maxDecisionAgeMs == 30_000)
    }

    @Test func anEntryWhoseSetupFadedButHoldsIsAcceptedUnderHoldAndRefusedUnderArrival() {
        // 12 s later imbalance is 1.2: the checklist no longer passes, nothing invalidates the setup.
        let later = state(imbalance: 1.2)
        let held = judge(later)
        #expect(held.kind == .accepted)
        #expect(held.reason == "accepted ENTER_LONG: the long checklist passed when asked and the setup holds at arrival (gate: hold)")
        let arrival = judge(later, hold: false)
        #expect(arrival.kind == .refused)
        #expect(arrival.reason == "refused ENTER_LONG: imbalance: L2_IMBALANCE > 1.5 fails (L2_IMBALANCE = 1.2) at arrival")
    }

    @Test func anEntryAskedWithoutASetupIsRefusedUnderHold() {
        let verdict = judge(state(imbalance: 2.0), askedCall: .none)
        #expect(verdict.kind == .refused)
        #expect(
            verdict.reason
                == "refused ENTER_LONG: the long checklist did not pass on the state it was asked about (checklist at ask: NONE; gate: hold)")
    }

    @Test func anExitRuleFiringAtArrivalInvalidatesTheSetup() {
        let verdict = judge(state(imbalance: 0.65))
        #expect(verdict.kind == .refused)
        #expect(
            verdict.reason
                == "refused ENTER_LONG: the long setup was invalidated by arrival: exit rule imbalance_reversal fires: L2_IMBALANCE < 0.7 (L2_IMBALANCE = 0.65) (gate: hold)")
    }

    @Test func theChaseGuardHoldingAtArrivalInvalidatesTheSetup() {
        let verdict = judge(state(imbalance: 2.0, fromHOD: 0.8))
        #expect(verdict.kind == .refused)
        #expect(verdict.reason.contains("chase guard holds: DISTANCE_TO_HOD_PCT > 0.5 (DISTANCE_TO_HOD_PCT = 0.8)"), "\(verdict.reason)")
    }

    @Test func aTouchThatRanPastTheLimitInvalidatesTheSetup() {
        // The ask ran 3 cents past the 245.50 limit: the stop is also 23 cents from it now.
        let verdict = judge(state(imbalance: 2.0, bid: 24_552, ask: 24_553))
        #expect(verdict.kind == .refused)
        #expect(
            verdict.reason
                == "refused ENTER_LONG: the long setup was invalidated by arrival: the ask 245.53 ran 0.03 past the limit 245.50 > max_slippage 0.02; the stop 245.30 is 0.23 from the ask 245.53 > max_risk_per_share 0.20 (gate: hold)")
        // Two cents past is within max_slippage, and the stop is then 22 cents from the ask.
        let twoCents = judge(state(imbalance: 2.0, bid: 24_551, ask: 24_552))
        #expect(twoCents.reason.hasSuffix("the stop 245.30 is 0.22 from the ask 245.52 > max_risk_per_share 0.20 (gate: hold)"))
        // A touch that came back toward the stop keeps the stop near enough.
        #expect(judge(state(imbalance: 2.0, bid: 24_539, ask: 24_540)).kind == .accepted)
    }

    @Test func aShortIsJudgedFromTheBid() {
        let short = Command.enterShort(limit: Price(cents: 24_549), stop: Price(cents: 24_569), target: Price(cents: 24_449))
        let arrival = state(imbalance: 0.9, bid: 24_545, ask: 24_546)
        let hold = SetupHold(short, askedCall: .short, state: arrival, previous: nil, strategy: strategy)
        #expect(hold.invalidations == ["the bid 245.45 ran 0.04 past the limit 245.49 > max_slippage 0.02", "the stop 245.69 is 0.24 from the bid 245.45 > max_risk_per_share 0.20"])
    }
}
