import MarketData
public import StateVector
public import Strategy

/// The checklist's verdict on a command, as `fsd decide` prints it: agree, or refuse with the
/// failing condition and its value. The agent's gate is the authority on orders; this is the same
/// judgement for one state, for people trying a strategy and a model.
public struct CommandReview: Hashable, Sendable, CustomStringConvertible {
    public enum Verdict: String, Hashable, Sendable {
        /// The rules would let the command through.
        case agree
        /// The rules refuse it.
        case refuse
        /// The model waits while the rules see a setup.
        case disagree
    }

    public let verdict: Verdict
    /// Why, one reason per line.
    public let reasons: [String]

    public init(verdict: Verdict, reasons: [String]) {
        self.verdict = verdict
        self.reasons = reasons
    }

    public var description: String {
        "\(verdict.rawValue.uppercased()): " + reasons.joined(separator: "\n  ")
    }

    /// Reviews `command` against the checklist on `state` and the strategy's risk limits.
    public static func review(_ command: Command, state: StateVector, checklist: Checklist, risk: RiskSettings)
        -> CommandReview
    {
        let flat = state.account.positionSide == nil || state.account.position == 0
        switch command {
        case .enterLong(let limit, let stop, let target), .enterShort(let limit, let stop, let target):
            let side: PositionSide = if case .enterLong = command { .long } else { .short }
            var problems: [String] = []
            if !flat { problems.append("a \(state.account.positionSide?.name ?? "") position is already open") }
            let sideList = checklist.side(side)
            for condition in sideList.conditions where !condition.passed {
                problems.append("\(side.name) entry fails \(RulesDecider.describe(condition))")
            }
            if sideList.blockedByChaseGuard, let chase = sideList.chaseGuard {
                problems.append("the chase guard blocks \(side.name) entries: \(RulesDecider.describe(chase))")
            }
            problems += prices(side, limit: limit, stop: stop, target: target, market: state.market, risk: risk)
            if problems.isEmpty {
                return CommandReview(
                    verdict: .agree,
                    reasons: ["every \(side.name) entry condition passes and the prices are within the risk limits"])
            }
            return CommandReview(verdict: .refuse, reasons: problems)
        case .updateStop(let price):
            guard let side = state.account.positionSide, !flat else {
                return refuse("UPDATE_STOP with no open position")
            }
            let working = state.activeOrders.first { $0.role == .stop }?.price
            guard let working else {
                return CommandReview(verdict: .agree, reasons: ["no working stop to compare with"])
            }
            let tighter = side == .long ? price > working : price < working
            return tighter
                ? CommandReview(
                    verdict: .agree, reasons: ["tightens the stop from \(working.display) to \(price.display)"])
                : refuse(
                    "UPDATE_STOP(\(price.display)) would loosen the working stop \(working.display); stops only tighten"
                )
        case .updateTarget(let price):
            guard let side = state.account.positionSide, !flat else {
                return refuse("UPDATE_TARGET with no open position")
            }
            guard let entry = state.account.avgEntry else {
                return CommandReview(verdict: .agree, reasons: ["no average entry to compare with"])
            }
            let profitable = side == .long ? price > entry : price < entry
            return profitable
                ? CommandReview(
                    verdict: .agree,
                    reasons: ["target \(price.display) stays on the profitable side of \(entry.display)"])
                : refuse("target \(price.display) is not on the profitable side of the entry \(entry.display)")
        case .cancelAll:
            return CommandReview(verdict: .agree, reasons: ["CANCEL_ALL() is always allowed"])
        case .wait:
            if flat, checklist.long.passed != checklist.short.passed {
                let side = checklist.long.passed ? "LONG" : "SHORT"
                return CommandReview(verdict: .disagree, reasons: ["the rules see a \(side) setup the model declined"])
            }
            if let exit = checklist.firedExits.first {
                return CommandReview(
                    verdict: .disagree,
                    reasons: [
                        "exit rule \(exit.name) fires (\(exit.action.name)); the agent acts on it without the model"
                    ])
            }
            return CommandReview(
                verdict: .agree, reasons: [flat ? "no setup: \(checklist.verdict)" : "no exit rule fires"])
        }
    }

    private static func refuse(_ reason: String) -> CommandReview { CommandReview(verdict: .refuse, reasons: [reason]) }

    private static func prices(
        _ side: PositionSide, limit: Price, stop: Price, target: Price, market: MarketState, risk: RiskSettings
    ) -> [String] {
        var problems: [String] = []
        let long = side == .long
        if long ? !(stop < limit && limit < target) : !(target < limit && limit < stop) {
            problems.append(
                long ? "prices must satisfy stop < limit < target" : "prices must satisfy target < limit < stop")
        }
        let riskDistance = long ? limit - stop : stop - limit
        if riskDistance > risk.maxRiskPerShare {
            problems.append(
                "stop distance \(riskDistance.display) > max_risk_per_share \(risk.maxRiskPerShare.display)")
        }
        let reward = long ? target - limit : limit - target
        if reward > risk.maxTarget {
            // Farther is allowed only just before the next wall or key level in the trade's direction.
            let levels =
                market.domWalls.filter { $0.side == (long ? .ask : .bid) }.map(\.price)
                + [long ? market.hod : market.lod, long ? market.vpVAH : market.vpVAL].compactMap { $0 }
            let ahead = levels.filter { long ? $0 > target : $0 < target }
            let next = long ? ahead.min() : ahead.max()
            let justBefore = next.map { level in (long ? level - target : target - level) <= risk.levelBuffer } ?? false
            if !justBefore {
                problems.append(
                    "target distance \(reward.display) > max_target \(risk.maxTarget.display) and not within "
                        + "\(risk.levelBuffer.display) before the next wall or level")
            }
        }
        if let spread = market.spread, spread > risk.maxSpread {
            problems.append("SPREAD \(spread.display) > max_spread \(risk.maxSpread.display)")
        }
        if let touch = long ? market.askStack.first?.price : market.bidStack.first?.price {
            let chase = long ? limit - touch : touch - limit
            if chase > risk.maxSlippage {
                problems.append(
                    "the limit \(limit.display) chases \(chase.display) through the touch \(touch.display) (max_slippage \(risk.maxSlippage.display))"
                )
            }
        }
        return problems
    }
}
