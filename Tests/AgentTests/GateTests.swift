import Brain
import MarketData
import StateVector
import Testing

@testable import Agent

@Suite struct GateTests {
    let gate = Gate(maxDecisionAge: .milliseconds(1000))
    let asked = Timestamp(hours: 10, minutes: 0, seconds: 0)

    private func state(position: Int64 = 0, side: PositionSide? = nil, stop: Price? = nil) -> StateVector {
        var state = StateVector()
        state.account.position = position
        state.account.positionSide = side
        state.account.avgEntry = position == 0 ? nil : Price(cents: 24_550)
        if let stop {
            state.activeOrders = [ActiveOrder(id: "s", role: .stop, side: side == .long ? .sell : .buy, type: .stop, price: stop, qty: position, status: .working)]
        }
        return state
    }

    @Test func anAnswerOlderThanTheMaximumIsDroppedAsStale() {
        let verdict = gate.judge(
            .enterLong(limit: Price(cents: 24_550), stop: Price(cents: 24_530), target: Price(cents: 24_680)), askedAt: asked,
            arrivedAt: asked + .milliseconds(1001), state: state(), setups: SetupView(longPassed: true, shortPassed: false))
        #expect(verdict.kind == .stale)
        #expect(verdict.reason == "dropped ENTER_LONG: stale, it arrived 1001 ms after the question > max_decision_age_ms 1000")
        let onTime = gate.judge(
            .cancelAll, askedAt: asked, arrivedAt: asked + .milliseconds(1000), state: state(), setups: .none)
        #expect(onTime.kind == .accepted)
    }

    @Test func anEntryNeedsItsChecklistToPassAtArrival() {
        let setups = SetupView(
            longPassed: false, shortPassed: false,
            longFailures: ["imbalance: L2_IMBALANCE > 1.5 fails (L2_IMBALANCE = 1.32)"])
        let command = Command.enterLong(limit: Price(cents: 24_550), stop: Price(cents: 24_530), target: Price(cents: 24_680))
        let verdict = gate.judge(command, askedAt: asked, arrivedAt: asked + .milliseconds(300), state: state(), setups: setups)
        #expect(verdict.kind == .refused)
        #expect(verdict.reason == "refused ENTER_LONG: imbalance: L2_IMBALANCE > 1.5 fails (L2_IMBALANCE = 1.32) at arrival")
        let passing = gate.judge(
            command, askedAt: asked, arrivedAt: asked + .milliseconds(300), state: state(),
            setups: SetupView(longPassed: true, shortPassed: false))
        #expect(passing.kind == .accepted)
        // The long checklist passing says nothing about a short.
        let short = gate.judge(
            .enterShort(limit: Price(cents: 24_550), stop: Price(cents: 24_570), target: Price(cents: 24_450)), askedAt: asked,
            arrivedAt: asked, state: state(), setups: SetupView(longPassed: true, shortPassed: false))
        #expect(short.kind == .refused)
        #expect(short.reason == "refused ENTER_SHORT: the short checklist fails at arrival")
    }

    @Test func aWaitOnAPassingSetupIsJournaledAsDeclined() {
        let declined = gate.judge(
            .wait(reason: "CVD divergence"), askedAt: asked, arrivedAt: asked, state: state(),
            setups: SetupView(longPassed: true, shortPassed: false))
        #expect(declined.kind == .wait)
        #expect(declined.reason == "model declined the LONG setup the checklist passes: CVD divergence")
        // With --model rules nobody but the compiled rules proposed the WAIT.
        let rules = Gate(maxDecisionAge: .milliseconds(1000), proposer: "rules").judge(
            .wait(reason: "LONG setup, but SPREAD 0.27 > 0.05"), askedAt: asked, arrivedAt: asked, state: state(),
            setups: SetupView(longPassed: true, shortPassed: false))
        #expect(rules.reason == "rules declined the LONG setup the checklist passes: LONG setup, but SPREAD 0.27 > 0.05")
        // A reply without a command declined nothing: it stands in for one.
        let garbled = gate.judge(
            .wait(reason: "parse failure: no command in the answer"), askedAt: asked, arrivedAt: asked, state: state(),
            setups: SetupView(longPassed: true, shortPassed: false), entryBlock: nil, commandGiven: false)
        #expect(garbled.kind == .wait)
        #expect(
            garbled.reason
                == "no command, counted as WAIT: parse failure: no command in the answer; the LONG setup the checklist passes is not taken")
        let plain = gate.judge(.wait(reason: "no setup"), askedAt: asked, arrivedAt: asked, state: state(), setups: .none)
        #expect(plain.reason == "WAIT: no setup")
        // Holding a position, a setup cannot be taken: waiting declines nothing.
        let holding = gate.judge(
            .wait(reason: "let it run"), askedAt: asked, arrivedAt: asked, state: state(position: 100, side: .long),
            setups: SetupView(longPassed: true, shortPassed: false))
        #expect(holding.reason == "WAIT while holding: let it run")
    }

    @Test func aStopMayOnlyTighten() {
        let long = state(position: 100, side: .long, stop: Price(cents: 24_530))
        let tighter = gate.judge(.updateStop(Price(cents: 24_540)), askedAt: asked, arrivedAt: asked, state: long, setups: .none)
        #expect(tighter.kind == .accepted)
        let looser = gate.judge(.updateStop(Price(cents: 24_520)), askedAt: asked, arrivedAt: asked, state: long, setups: .none)
        #expect(looser.kind == .refused)
        #expect(looser.reason == "refused UPDATE_STOP: 245.20 would loosen the LONG stop at 245.30; a stop may only reduce risk")
        let short = state(position: 100, side: .short, stop: Price(cents: 24_570))
        #expect(gate.judge(.updateStop(Price(cents: 24_560)), askedAt: asked, arrivedAt: asked, state: short, setups: .none).kind == .accepted)
        #expect(gate.judge(.updateStop(Price(cents: 24_580)), askedAt: asked, arrivedAt: asked, state: short, setups: .none).kind == .refused)
        let flat = gate.judge(.updateStop(Price(cents: 24_540)), askedAt: asked, arrivedAt: asked, state: state(), setups: .none)
        #expect(flat.reason == "refused UPDATE_STOP: no position is open")
    }

    @Test func aTargetChangeNeedsAPosition() {
        let flat = gate.judge(.updateTarget(Price(cents: 24_600)), askedAt: asked, arrivedAt: asked, state: state(), setups: .none)
        #expect(flat.kind == .refused)
        let long = gate.judge(
            .updateTarget(Price(cents: 24_600)), askedAt: asked, arrivedAt: asked, state: state(position: 100, side: .long), setups: .none)
        #expect(long.kind == .accepted)
    }
}
