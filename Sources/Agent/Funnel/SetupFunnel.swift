public import Brain
public import Execution
public import MarketData
public import StateVector
public import Strategy

/// Why a day did or did not trade, counted tick by tick: how often each entry condition passed,
/// how often it alone stood between the market and a setup, the setups found, and what stopped each
/// one that was not taken (docs/AGENT.md "The funnel").
public struct SetupFunnel: Sendable {
    /// One entry condition (or the chase guard) of a side.
    public struct Row: Hashable, Sendable {
        public let name: String
        public let rule: String
        /// Ticks it passed; for the chase guard, ticks it let entries through.
        public internal(set) var passed = 0
        /// Ticks it was the only thing failing: the near misses it alone blocked.
        public internal(set) var alone = 0
        /// Ticks it read a null (a value not computable yet, or RVOL_DAY without an average
        /// volume) and so did not pass; for the chase guard, ticks a null held entries back.
        public internal(set) var null = 0
    }

    /// The counts of one side.
    public struct Side: Hashable, Sendable {
        public let side: PositionSide
        public internal(set) var conditions: [Row]
        public internal(set) var chaseGuard: Row?
        /// Ticks on which every condition passed (the chase guard apart).
        public internal(set) var setupTicks = 0

        init(side: PositionSide, definition: StrategyDefinition?) {
            self.side = side
            conditions = definition?.entries(for: side).map { Row(name: $0.name, rule: $0.rule) } ?? []
            let guardRule = side == .long ? definition?.risk.chaseGuardLong : definition?.risk.chaseGuardShort
            chaseGuard = guardRule.map { Row(name: "chase_guard", rule: $0) }
        }

        /// True when `other` counts the same rules, so its counts may go on.
        func sameRules(as other: Side) -> Bool {
            conditions.map(\.rule) == other.conditions.map(\.rule) && chaseGuard?.rule == other.chaseGuard?.rule
        }
    }

    /// Ticks observed.
    public private(set) var ticks = 0
    /// The first and last ticks observed.
    public private(set) var firstTick: Timestamp?
    public private(set) var lastTick: Timestamp?
    /// The loop's tick interval: one tick of a setup lasts this long.
    public private(set) var tick: Duration = .milliseconds(200)
    public private(set) var long: Side
    public private(set) var short: Side
    /// The condition counts over time, for the report's timeline.
    public private(set) var timeline: ConditionTimeline
    /// Every setup in time order.
    public private(set) var episodes: [SetupEpisode] = []
    /// When a reload changed the entry rules and the condition counts started again.
    public private(set) var countingSince: Timestamp?
    private var openLong: Int?
    private var openShort: Int?
    private var guardHeldLong = false
    private var guardHeldShort = false
    /// The question in flight and the setups open when it was asked.
    private var asked: (question: Int, at: Timestamp, long: Int?, short: Int?)?
    private var outcomes: [Truth] = []

    /// - Parameter definition: the strategy whose entry rules it counts; nil counts nothing until
    ///   `adopt` gives it one.
    public init(_ definition: StrategyDefinition? = nil) {
        long = Side(side: .long, definition: definition)
        short = Side(side: .short, definition: definition)
        timeline = ConditionTimeline(long, short, definition: definition)
        if let definition { tick = .nanoseconds(Timestamp.nanosPerSecond / Int64(max(1, definition.loopHz))) }
    }

    public subscript(side: PositionSide) -> Side { side == .long ? long : short }

    /// Setups taken.
    public var taken: Int { episodes.count(where: \.taken) }

    /// Setups not taken, by what stopped them.
    public var notTaken: [SetupObstacle: Int] {
        var counts: [SetupObstacle: Int] = [:]
        for episode in episodes { if let outcome = episode.outcome { counts[outcome, default: 0] += 1 } }
        return counts
    }

    /// A reloaded strategy: the counts go on when its entry rules are the same, else start again.
    public mutating func adopt(_ definition: StrategyDefinition, at time: Timestamp) {
        let newLong = Side(side: .long, definition: definition)
        let newShort = Side(side: .short, definition: definition)
        tick = .nanoseconds(Timestamp.nanosPerSecond / Int64(max(1, definition.loopHz)))
        guard !(newLong.sameRules(as: long) && newShort.sameRules(as: short)) else { return }
        long = newLong
        short = newShort
        timeline = ConditionTimeline(newLong, newShort, definition: definition)
        openLong = nil
        openShort = nil
        countingSince = time
    }

    /// One tick: evaluates every entry condition of both sides on `state` and counts.
    /// - Returns: whether each side has a setup the chase guard lets through (the checklist's verdict).
    public mutating func observe(
        _ strategy: CompiledStrategy, _ state: StateVector, previous: StateVector?, at time: Timestamp
    ) -> (long: Bool, short: Bool) {
        ticks += 1
        if firstTick == nil { firstTick = time }
        lastTick = time
        let bucket = timeline.bucket(at: time)
        if let bucket { timeline.sample(state, in: bucket) }
        let long = observe(.long, strategy, state, previous, at: time, bucket: bucket)
        let short = observe(.short, strategy, state, previous, at: time, bucket: bucket)
        return (long, short)
    }

    private mutating func observe(
        _ side: PositionSide, _ strategy: CompiledStrategy, _ state: StateVector, _ previous: StateVector?, at time: Timestamp,
        bucket: Int?
    ) -> Bool {
        let guardOutcome = strategy.entryOutcomes(side, state, previous: previous, into: &outcomes)
        // Moved out, not copied: with the stored side's rows released, the counts below are
        // updated in place instead of copying every row (and retaining its strings) each tick.
        var counts: Side
        if side == .long {
            counts = long
            long.conditions = []
        } else {
            counts = short
            short.conditions = []
        }
        defer { if side == .long { long = counts } else { short = counts } }
        guard counts.conditions.count == outcomes.count else { return false }
        var failing = 0
        var lastFailure = 0
        for index in outcomes.indices {
            if outcomes[index] == .yes {
                counts.conditions[index].passed += 1
            } else {
                if outcomes[index] == .unknown { counts.conditions[index].null += 1 }
                failing += 1
                lastFailure = index
            }
        }
        let guardHolds = guardOutcome.map { $0 != .no } ?? false
        if let bucket { timeline.record(side, outcomes: outcomes, guardLetThrough: guardOutcome.map { $0 == .no }, in: bucket) }
        if !guardHolds { counts.chaseGuard?.passed += 1 }
        if guardOutcome == .unknown { counts.chaseGuard?.null += 1 }
        let conditionsPass = failing == 0 && !outcomes.isEmpty
        if failing == 1 && !guardHolds { counts.conditions[lastFailure].alone += 1 }
        if conditionsPass && guardHolds { counts.chaseGuard?.alone += 1 }
        if conditionsPass { counts.setupTicks += 1 }
        var open = side == .long ? openLong : openShort
        if conditionsPass {
            if let index = open {
                episodes[index].end = time
                episodes[index].ticks += 1
            } else {
                episodes.append(SetupEpisode(side: side, at: time))
                open = episodes.count - 1
            }
        } else {
            open = nil
        }
        if side == .long {
            openLong = open
            guardHeldLong = conditionsPass && guardHolds
        } else {
            openShort = open
            guardHeldShort = conditionsPass && guardHolds
        }
        return conditionsPass && !guardHolds
    }

    /// What kept the loop from asking about the open setups at this tick, first reason first. A
    /// setup the question in flight was asked on waits for its answer instead.
    public mutating func noteObstacles(halted: Bool, modelBusy: Bool, holding: Bool, tradesUsedUp: Bool) {
        for side in [PositionSide.long, .short] {
            guard let index = side == .long ? openLong : openShort, !episodes[index].taken else { continue }
            if let asked, (side == .long ? asked.long : asked.short) == index { continue }
            let guardHeld = side == .long ? guardHeldLong : guardHeldShort
            let obstacle: SetupObstacle? =
                halted ? .halt : modelBusy ? .modelBusy : holding ? .positionOpen : tradesUsedUp ? .tradeLimit
                : guardHeld ? .chaseGuard : nil
            if let obstacle {
                episodes[index].obstacle = obstacle
                episodes[index].detail = nil
            }
        }
    }

    /// A question went to the model (or the rules) now, about the setups open at this tick.
    public mutating func asked(_ question: Int, at time: Timestamp) {
        asked = (question, time, openLong, openShort)
    }

    /// The question in flight was given up: its setups wait for the next question.
    public mutating func cancelled(_ question: Int) {
        if asked?.question == question { asked = nil }
    }

    /// The answer to `question` was judged: an executed entry takes its side's setup (the one open
    /// now, or the one it was asked on); every setup it was asked on and did not take is stopped by
    /// the verdict's blocker, or by the model when it chose the other side or no entry.
    /// - Parameter refusalOfAnyEntry: what the risk manager would refuse any entry of a side with
    ///   now; a setup the model declined while one held is counted under it, since no answer of the
    ///   model could have taken it.
    public mutating func answered(
        _ question: Int, at time: Timestamp, command: Command, verdict: GateVerdict,
        refusalOfAnyEntry: (PositionSide) -> RiskRefusal?
    ) {
        guard let asked, asked.question == question else { return }
        self.asked = nil
        let entered: PositionSide? =
            switch command {
            case .enterLong: .long
            case .enterShort: .short
            default: nil
            }
        if verdict.executed, let entered,
            let index = (entered == .long ? openLong : openShort) ?? (entered == .long ? asked.long : asked.short)
        {
            episodes[index].taken = true
            episodes[index].obstacle = nil
            decided(index, by: command, verdict.text, asked: asked.at, answered: time)
        }
        for side in [PositionSide.long, .short] {
            guard let index = side == .long ? asked.long : asked.short, !episodes[index].taken else { continue }
            let obstacle: SetupObstacle =
                verdict.kind == .stale ? .latency
                : entered == nil || entered == side ? verdict.blocker ?? .model : .model
            if obstacle == .model || obstacle == .positionOpen, let refusal = refusalOfAnyEntry(side) {
                episodes[index].obstacle = SetupObstacle(refusal)
                decided(index, by: command, "\(verdict.text); any entry would have been refused: \(refusal)", asked: asked.at, answered: time)
            } else {
                episodes[index].obstacle = obstacle
                decided(index, by: command, verdict.text, asked: asked.at, answered: time)
            }
        }
    }

    private mutating func decided(_ index: Int, by command: Command, _ detail: String, asked: Timestamp, answered: Timestamp) {
        episodes[index].detail = detail
        episodes[index].command = command.description
        episodes[index].askedAt = asked
        episodes[index].answeredAt = answered
    }
}
