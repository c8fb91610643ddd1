import MarketData
public import StateVector
public import Strategy

/// Decides without a model: the compiled checklist proposes the command (`--model rules`).
///
/// Flat: when exactly one side's checklist passes, enter at the touch (the ask for a long, the bid
/// for a short) with the stop `max_risk_per_share` away and the target `max_target` away, pulled in
/// one cent before the next DOM wall in the trade's direction; otherwise `WAIT` naming what failed.
/// Flat with an order still working: `WAIT` until it fills or ends (one bracket at a time).
/// In a position: the first exit rule that fires decides (`exit` -> `CANCEL_ALL()`, `tighten_stop`
/// -> `UPDATE_STOP`, `update_target` -> `UPDATE_TARGET`); otherwise `WAIT`.
public struct RulesDecider: Sendable {
    public let strategy: CompiledStrategy

    /// The name reports and journals give this decider.
    public static let name = "rules"

    public init(strategy: CompiledStrategy) {
        self.strategy = strategy
    }

    /// The command the rules propose for `state`.
    public func decide(_ state: StateVector, previous: StateVector? = nil) -> Command {
        decide(state, checklist: strategy.evaluate(state, previous: previous))
    }

    /// The command the rules propose, given the checklist already evaluated on `state`.
    public func decide(_ state: StateVector, checklist: Checklist) -> Command {
        if let position = state.account.positionSide, state.account.position > 0 {
            return manage(position, checklist: checklist)
        }
        // Flat with orders still working (an entry not yet filled, or a finished bracket's leg not
        // yet cancelled): the risk manager allows one bracket at a time, so proposing an entry
        // would only earn a refusal.
        if let working = state.activeOrders.first {
            return .wait(reason: Self.waitingFor(working))
        }
        let risk = strategy.definition.risk
        switch (checklist.long.passed, checklist.short.passed) {
        case (true, true):
            return .wait(reason: "LONG and SHORT checklists both pass: conflicting, no entry")
        case (true, false):
            return entry(.long, state.market, risk)
        case (false, true):
            return entry(.short, state.market, risk)
        case (false, false):
            return .wait(
                reason: "no setup: LONG \(Self.failure(checklist.long)); SHORT \(Self.failure(checklist.short))")
        }
    }

    /// A reply shaped like a model's, so the rest of a decision (parse, review, journal) is the same.
    public func reply(_ state: StateVector, checklist: Checklist) -> ModelReply {
        ModelReply(answer: decide(state, checklist: checklist).description, latency: .zero, model: Self.name)
    }

    private func manage(_ position: PositionSide, checklist: Checklist) -> Command {
        for exit in checklist.firedExits {
            switch exit.action {
            case .exit:
                return .cancelAll
            case .tightenStop:
                if let price = exit.price { return .updateStop(price) }
            case .updateTarget:
                if let price = exit.price { return .updateTarget(price) }
            }
        }
        return .wait(reason: "holding \(position.name): no exit rule fires")
    }

    private func entry(_ side: PositionSide, _ market: MarketState, _ settings: RiskSettings) -> Command {
        // Distances written as a share of LAST are this tick's dollars.
        let risk = settings.dollars(at: market.last)
        if let spread = market.spread, spread > risk.maxSpread {
            return .wait(reason: "\(side.name) setup, but SPREAD \(spread.display) > \(settings.maxSpread.shown(at: market.last))")
        }
        let touch = side == .long ? market.askStack.first?.price : market.bidStack.first?.price
        guard let limit = touch ?? market.last else {
            return .wait(reason: "\(side.name) setup, but no quote to price the entry")
        }
        if side == .long {
            var target = limit + risk.maxTarget
            let wall = market.domWalls.filter { $0.side == .ask && $0.price > limit }.map(\.price).min()
            if let wall, wall - Price.cent < target { target = wall - Price.cent }
            guard target > limit else {
                return .wait(
                    reason: "LONG setup, but an ASK wall at \(wall?.display ?? "?") leaves no room for a target")
            }
            return .enterLong(limit: limit, stop: limit - risk.maxRiskPerShare, target: target)
        }
        var target = limit - risk.maxTarget
        let wall = market.domWalls.filter { $0.side == .bid && $0.price < limit }.map(\.price).max()
        if let wall, wall + Price.cent > target { target = wall + Price.cent }
        guard limit > target, target > Price.zero else {
            return .wait(reason: "SHORT setup, but a BID wall at \(wall?.display ?? "?") leaves no room for a target")
        }
        return .enterShort(limit: limit, stop: limit + risk.maxRiskPerShare, target: target)
    }

    static func waitingFor(_ order: ActiveOrder) -> String {
        let price = order.price.map { " \($0.display)" } ?? ""
        if order.role == .entry {
            return "entry \(order.side.name) \(order.type.name)\(price) working: waiting for its fill"
        }
        return "flat, the bracket's \(order.role.name) \(order.type.name)\(price) still working: waiting for it to end"
    }

    /// `fails cvd: CVD_TREND == RISING [CVD_TREND = FALLING]` for the first failing condition.
    static func failure(_ side: SideChecklist) -> String {
        if let first = side.firstFailure { return "fails \(Self.describe(first))" }
        if side.blockedByChaseGuard, let chase = side.chaseGuard {
            return "blocked by the chase guard \(Self.describe(chase))"
        }
        return "has no conditions"
    }

    static func describe(_ condition: ConditionResult) -> String { condition.text(.brief) }
}
