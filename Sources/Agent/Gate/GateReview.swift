public import Brain
public import Execution
public import MarketData
public import StateVector
public import Strategy

/// What the agent would make of one command on one state: the gate, then the risk manager's dry run.
/// `fsd decide` prints it, the agent acts on the same verdicts (`AgentCore.answer`), so the tool a
/// trader asks "what would the agent do?" cannot answer differently from the agent.
public struct GateReview: Sendable {
    /// The gate's verdict, or the risk manager's first refusal of an accepted command.
    public let verdict: GateVerdict
    /// Every limit the command breaks (empty when the gate refused it first, or none does).
    public let refusals: [RiskRefusal]

    /// Reviews `command` on `state` as the agent judges an answer that arrives at `time`.
    /// - Parameters:
    ///   - checklist: the compiled checklist evaluated on `state`.
    ///   - risk: the strategy's risk settings.
    ///   - lastDataTime: when the last market event arrived (nil: taken as `time`, fresh).
    ///   - halt, flattening: what the agent knows beyond the state vector (a state file has neither).
    public init(
        _ command: Command, state: StateVector, checklist: Checklist, risk: RiskSettings, at time: Timestamp,
        askedAt: Timestamp? = nil, lastDataTime: Timestamp? = nil, entryBlock: String? = nil, halt: Halt? = nil,
        flattening: Bool = false, commandGiven: Bool = true, hold: SetupHold? = nil
    ) {
        let gate = Gate(maxDecisionAge: .milliseconds(risk.maxDecisionAgeMs))
        var verdict = gate.judge(
            command, askedAt: askedAt ?? time, arrivedAt: time, state: state,
            setups: SetupView(checklist, explaining: command), entryBlock: entryBlock, commandGiven: commandGiven,
            hold: hold)
        var refusals: [RiskRefusal] = []
        if verdict.kind == .accepted, let trade = TradeCommand(command, positionSize: risk.positionSize) {
            let manager = RiskManager(limits: RiskLimits(risk), halt: halt)
            let market = MarketContext(state: state.market, time: time, lastDataTime: lastDataTime ?? time)
            refusals = manager.review(trade, account: state.account, hasLiveOrders: !state.activeOrders.isEmpty, flattening: flattening, market: market)
            if let first = refusals.first { verdict = GateVerdict.refusedByRisk(command, first) }
        }
        self.verdict = verdict
        self.refusals = refusals
    }
}

extension GateVerdict {
    /// The verdict when the risk manager refuses a command the gate accepted.
    static func refusedByRisk(_ command: Command, _ refusal: RiskRefusal) -> GateVerdict {
        GateVerdict(
            .refused, "refused \(command.keyword) by risk: \(refusal)", blocker: command.isEntry ? SetupObstacle(refusal) : nil)
    }
}

extension Gate {
    /// `judge`, then the entry block: while the venue is not ready (or the run is stopping) an
    /// accepted entry is refused with the block's reason; exits and stops are never blocked.
    /// - Parameter commandGiven: false when the reply held no command (a parse failure or a failed
    ///   request) and `command` is the `WAIT` standing in for it: nothing was declined then.
    public func judge(
        _ command: Command, askedAt: Timestamp, arrivedAt: Timestamp, state: StateVector, setups: SetupView,
        entryBlock: String?, commandGiven: Bool = true, hold: SetupHold? = nil
    ) -> GateVerdict {
        let verdict = judge(command, askedAt: askedAt, arrivedAt: arrivedAt, state: state, setups: setups, hold: hold)
        if !commandGiven, verdict.kind == .wait, case .wait(let reason) = command {
            let setup = setups.call == .none ? "" : "; the \(setups.call.rawValue) setup the checklist passes is not taken"
            return GateVerdict(.wait, "no command, counted as WAIT: \(reason)\(setup)", blocker: .model)
        }
        if verdict.kind == .accepted, command.isEntry, let entryBlock {
            return GateVerdict(.refused, "refused \(command.keyword): \(entryBlock)", blocker: .entriesBlocked)
        }
        return verdict
    }
}

extension SetupView {
    /// Both sides of `checklist`, with the failures of the side `command` would enter explained.
    public init(_ checklist: Checklist, explaining command: Command) {
        self.init(
            longPassed: checklist.long.passed, shortPassed: checklist.short.passed, explaining: command, side: checklist.side)
    }

    /// The two verdicts, with the failures of the side `command` would enter explained from
    /// `side`, which is asked only then (the rules' fast path evaluates no more than it must).
    public init(longPassed: Bool, shortPassed: Bool, explaining command: Command, side: (PositionSide) -> SideChecklist) {
        self.init(longPassed: longPassed, shortPassed: shortPassed)
        switch command {
        case .enterLong where !longPassed: longFailures = Self.failures(side(.long))
        case .enterShort where !shortPassed: shortFailures = Self.failures(side(.short))
        default: break
        }
    }

    /// Every failing condition of a side with the values it read, and the chase guard when it holds:
    /// the words of a refused entry.
    public static func failures(_ side: SideChecklist) -> [String] {
        var list = side.conditions.filter { !$0.passed }.map { $0.text(.refusal) }
        if side.blockedByChaseGuard, let chase = side.chaseGuard {
            list.append("chase guard holds: \(chase.rule) (\(chase.readingsText))")
        }
        return list
    }
}

extension TradeCommand {
    /// The order-side meaning of a model command; nil for WAIT.
    public init?(_ command: Command, positionSize: Int64) {
        switch command {
        case .enterLong(let limit, let stop, let target):
            self = .enter(EntryIntent(side: .long, limit: limit, stop: stop, target: target, quantity: positionSize))
        case .enterShort(let limit, let stop, let target):
            self = .enter(EntryIntent(side: .short, limit: limit, stop: stop, target: target, quantity: positionSize))
        case .updateStop(let price): self = .updateStop(price)
        case .updateTarget(let price): self = .updateTarget(price)
        case .cancelAll: self = .cancelAllAndFlatten(reason: "model: CANCEL_ALL()")
        case .wait: return nil
        }
    }
}

extension RiskLimits {
    /// The strategy's `risk:` block as the risk manager's limits.
    public init(_ risk: RiskSettings) {
        self.init()
        maxDailyLoss = risk.maxDailyLoss
        maxPosition = risk.maxPosition
        maxTradesPerDay = risk.maxTradesPerDay
        maxSpread = risk.maxSpread
        maxDataAge = .milliseconds(risk.maxDataAgeMs)
        maxRiskPerShare = risk.maxRiskPerShare
        maxTarget = risk.maxTarget
        levelBuffer = risk.levelBuffer
        maxSlippage = risk.maxSlippage
    }
}
