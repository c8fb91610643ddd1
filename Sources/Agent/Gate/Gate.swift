public import Brain
public import MarketData
public import StateVector

/// Decides whether a model's command may go on to the risk manager (ARCHITECTURE.md "The gate"),
/// judged on the state when the answer arrives, not the one it was asked about.
///
/// The gate owns what only the agent knows: the answer's age, the compiled checklist at arrival, and
/// the direction of stop and target changes. The price arithmetic of rule 2 (stop < limit < target,
/// `max_risk_per_share`, `max_slippage`, `max_target` or in front of a level) and every limit of
/// rule 4 belong to `Execution.RiskManager`, which runs next and which nothing bypasses: one
/// implementation of each rule, so the two can never disagree.
public struct Gate: Sendable {
    /// Answers older than this when they arrive are dropped (`max_decision_age_ms`).
    public var maxDecisionAge: Duration
    /// Who proposed the command, as a verdict names it: "model", or "rules" (`--model rules`), so
    /// a WAIT of the compiled rules is never reported as the model declining a setup.
    public var proposer: String

    public init(maxDecisionAge: Duration, proposer: String = "model") {
        self.maxDecisionAge = maxDecisionAge
        self.proposer = proposer
    }

    /// Judges `command`, asked at `askedAt` and arriving at `arrivedAt`, when `state` is the state at
    /// arrival and `setups` the compiled checklist evaluated on it.
    /// - Parameter hold: under `gate: hold`, the setup as asked and what invalidated it since; nil
    ///   judges an entry by the checklist at arrival (`gate: arrival`).
    public func judge(
        _ command: Command, askedAt: Timestamp, arrivedAt: Timestamp, state: StateVector, setups: SetupView,
        hold: SetupHold? = nil
    ) -> GateVerdict {
        let age = arrivedAt - askedAt
        if age > maxDecisionAge {
            let ms = age.nanosecondCount / Timestamp.nanosPerMillisecond
            let limit = maxDecisionAge.nanosecondCount / Timestamp.nanosPerMillisecond
            return GateVerdict(
                .stale, "dropped \(command.keyword): stale, it arrived \(ms) ms after the question > max_decision_age_ms \(limit)",
                late: true)
        }
        switch command {
        case .enterLong, .enterShort:
            let long = if case .enterLong = command { true } else { false }
            if let hold { return judgeHeld(command, long: long, hold: hold) }
            guard long ? setups.longPassed : setups.shortPassed else {
                let failures = long ? setups.longFailures : setups.shortFailures
                let shown = failures.prefix(3).joined(separator: "; ")
                let more = failures.count > 3 ? " (+\(failures.count - 3) more)" : ""
                let why = shown.isEmpty ? "the \(long ? "long" : "short") checklist fails" : shown + more
                return GateVerdict(.refused, "refused \(command.keyword): \(why) at arrival", late: true)
            }
            return GateVerdict(.accepted, "accepted \(command.keyword): the \(long ? "long" : "short") checklist passes at arrival")
        case .updateStop(let price):
            return judgeStop(price, state: state)
        case .updateTarget(let price):
            guard state.account.position != 0 else {
                return GateVerdict(.refused, "refused UPDATE_TARGET: no position is open")
            }
            return GateVerdict(.accepted, "accepted UPDATE_TARGET(\(price.display))")
        case .cancelAll:
            return GateVerdict(.accepted, "accepted CANCEL_ALL: cancelling everything and flattening is always allowed")
        case .wait(let reason):
            if state.account.position != 0 || !state.activeOrders.isEmpty {
                // One position at a time: a setup cannot be taken now, so waiting declines nothing.
                return GateVerdict(.wait, "WAIT while holding: \(reason)", blocker: .positionOpen)
            }
            switch setups.call {
            case .none:
                return GateVerdict(.wait, "WAIT: \(reason)", blocker: .model)
            case .long, .short:
                return GateVerdict(
                    .wait, "\(proposer) declined the \(setups.call.rawValue) setup the checklist passes: \(reason)", blocker: .model)
            }
        }
    }

    private func judgeHeld(_ command: Command, long: Bool, hold: SetupHold) -> GateVerdict {
        let side = long ? "long" : "short"
        guard hold.askedCall == (long ? .long : .short) else {
            return GateVerdict(
                .refused,
                "refused \(command.keyword): the \(side) checklist did not pass on the state it was asked about "
                    + "(checklist at ask: \(hold.askedCall.rawValue); gate: hold)", blocker: .model)
        }
        guard hold.invalidations.isEmpty else {
            return GateVerdict(
                .refused,
                "refused \(command.keyword): the \(side) setup was invalidated by arrival: "
                    + hold.invalidations.joined(separator: "; ") + " (gate: hold)", late: true)
        }
        return GateVerdict(
            .accepted, "accepted \(command.keyword): the \(side) checklist passed when asked and the setup holds at arrival (gate: hold)")
    }

    private func judgeStop(_ price: Price, state: StateVector) -> GateVerdict {
        guard state.account.position != 0, let side = state.account.positionSide else {
            return GateVerdict(.refused, "refused UPDATE_STOP: no position is open")
        }
        guard let current = state.activeOrders.first(where: { $0.role == .stop })?.price else {
            return GateVerdict(.refused, "refused UPDATE_STOP: the position has no working stop to move")
        }
        let tightens = side == .long ? price > current : price < current
        guard tightens else {
            return GateVerdict(
                .refused, "refused UPDATE_STOP: \(price.display) would loosen the \(side.name) stop at \(current.display); a stop may only reduce risk")
        }
        return GateVerdict(.accepted, "accepted UPDATE_STOP: tightens the stop from \(current.display) to \(price.display)")
    }
}
