public import Brain
import MarketData
public import StateVector
public import Strategy

/// `gate: hold`: what decides a late entry. The side's checklist passed on the state the model was
/// asked about; at arrival the setup must not have been invalidated. Each invalidation is named
/// with its values, as a refusal reads it.
public struct SetupHold: Sendable, Hashable {
    /// The checklist's call on the state the model was asked about.
    public var askedCall: ChecklistCall
    /// Why the setup no longer holds at arrival; empty when it holds.
    public var invalidations: [String]

    public init(askedCall: ChecklistCall, invalidations: [String]) {
        self.askedCall = askedCall
        self.invalidations = invalidations
    }

    /// Judges the entry `command` on the arrival `state`: the side's `exit` rules, its chase guard,
    /// how far the touch ran past the limit (`max_slippage`) and the stop's distance from the touch
    /// (`max_risk_per_share`). The spread and data-age guards are the risk manager's, which runs next.
    public init(
        _ command: Command, askedCall: ChecklistCall, state: StateVector, previous: StateVector?, strategy: CompiledStrategy
    ) {
        self.askedCall = askedCall
        invalidations = []
        let side: PositionSide
        let limit: Price
        let stop: Price
        switch command {
        case .enterLong(let l, let s, _): (side, limit, stop) = (.long, l, s)
        case .enterShort(let l, let s, _): (side, limit, stop) = (.short, l, s)
        default: return
        }
        for exit in strategy.exits(for: side, state, previous) where exit.fired && exit.action == .exit {
            invalidations.append("exit rule \(exit.name) fires: \(exit.rule) (\(exit.readings.joinedText))")
        }
        let checklist = strategy.side(side, state, previous)
        if checklist.blockedByChaseGuard, let chase = checklist.chaseGuard {
            invalidations.append("chase guard holds: \(chase.rule) (\(chase.readingsText))")
        }
        let settings = strategy.definition.risk
        // Distances written as a share of LAST are the arrival's dollars.
        let last = state.market.last
        let risk = settings.dollars(at: last)
        let touch = side == .long ? state.market.askStack.first?.price : state.market.bidStack.first?.price
        guard let touch else {
            invalidations.append("no \(side == .long ? "ask" : "bid") at arrival")
            return
        }
        let ranPast = side == .long ? touch - limit : limit - touch
        if ranPast > risk.maxSlippage {
            invalidations.append(
                "the \(side == .long ? "ask" : "bid") \(touch.display) ran \(ranPast.display) past the limit \(limit.display) > max_slippage \(settings.maxSlippage.shown(at: last))")
        }
        let stopDistance = side == .long ? touch - stop : stop - touch
        if stopDistance > risk.maxRiskPerShare {
            invalidations.append(
                "the stop \(stop.display) is \(stopDistance.display) from the \(side == .long ? "ask" : "bid") \(touch.display) > max_risk_per_share \(settings.maxRiskPerShare.shown(at: last))")
        }
    }
}
