import MarketData
public import StateVector

/// A strategy file, checked and compiled: `definition` for the prompt and the risk layer,
/// `evaluate` for the checklist on every tick.
public struct CompiledStrategy: Sendable {
    public internal(set) var definition: StrategyDefinition
    let rules: CompiledRules

    init(definition: StrategyDefinition, rules: CompiledRules) {
        self.definition = definition
        self.rules = rules
    }

    /// Evaluates every entry condition of both sides, the chase guards, the exit rules of the
    /// position in `state`, and the hints, recording the values each rule read.
    /// - Parameter previous: the previous tick's state, read by `prev(x)`; nil makes `prev` null.
    public func evaluate(_ state: StateVector, previous: StateVector? = nil) -> Checklist {
        let position = state.account.positionSide
        var exits: [ExitRuleResult] = []
        if let position {
            let list = position == .long ? rules.longExits : rules.shortExits
            exits.reserveCapacity(list.count)
            for exit in list { exits.append(evaluate(exit, side: position, state, previous)) }
        }
        var hints: [StrategyHint] = []
        var ruled = Set<Int>()
        for hint in rules.hints {
            ruled.insert(hint.index)
            var cursor = EvaluationCursor()
            if hint.code(state, previous, &cursor) == .yes { hints.append(definition.hints[hint.index]) }
        }
        for (index, hint) in definition.hints.enumerated() where !ruled.contains(index) { hints.append(hint) }
        return Checklist(
            long: side(.long, state, previous), short: side(.short, state, previous), position: position, exits: exits,
            activeHints: hints.sorted {
                (definition.hints.firstIndex(of: $0) ?? 0) < (definition.hints.firstIndex(of: $1) ?? 0)
            })
    }

    /// True when any rule reads RVOL_DAY (which needs an average daily volume).
    public var readsRVOL: Bool {
        let d = definition
        let rules = (d.longEntries + d.shortEntries).map(\.rule) + (d.longExits + d.shortExits).map(\.rule)
            + d.hints.compactMap(\.rule) + [d.risk.chaseGuardLong, d.risk.chaseGuardShort].compactMap { $0 }
        return rules.contains { $0.contains("RVOL_DAY") }
    }

    /// The entry checklist of one side.
    public func side(_ side: PositionSide, _ state: StateVector, _ previous: StateVector? = nil) -> SideChecklist {
        let conditions = side == .long ? rules.longEntries : rules.shortEntries
        var results: [ConditionResult] = []
        results.reserveCapacity(conditions.count)
        let trace = ReadingTrace()
        // Indexing instead of `for condition in` projects the fields without copying (and
        // retaining) every condition's strings and trees.
        for index in conditions.indices {
            let (outcome, readings) = Self.traced(conditions[index].code, state, previous, into: trace)
            results.append(
                ConditionResult(
                    name: conditions[index].definition.name, rule: conditions[index].definition.rule, outcome: outcome,
                    readings: readings))
        }
        var guardResult: ConditionResult?
        if let chase = side == .long ? rules.longGuard : rules.shortGuard {
            let (outcome, readings) = Self.traced(chase.code, state, previous, into: trace)
            guardResult = ConditionResult(name: "chase_guard", rule: chase.rule, outcome: outcome, readings: readings)
        }
        return SideChecklist(side: side, conditions: results, chaseGuard: guardResult)
    }

    /// The exit rules of a position on `side` evaluated on `state`, whether or not one is open:
    /// `gate: hold` asks whether they would close the position an entry is about to open.
    public func exits(for side: PositionSide, _ state: StateVector, _ previous: StateVector? = nil) -> [ExitRuleResult] {
        (side == .long ? rules.longExits : rules.shortExits).map { evaluate($0, side: side, state, previous) }
    }

    /// True when every entry condition of `side` passes and its chase guard does not block:
    /// the gate's hot path, with no readings and no allocation.
    public func entryPasses(_ side: PositionSide, _ state: StateVector, previous: StateVector? = nil) -> Bool {
        var cursor = EvaluationCursor()
        return side == .long ? rules.longGate(state, previous, &cursor) : rules.shortGate(state, previous, &cursor)
    }

    /// The outcome of every entry condition of `side` in file order, written over `outcomes`, and
    /// of its chase guard (nil when it has none): the funnel's per-tick pass, with no readings, so
    /// it allocates nothing once `outcomes` has the capacity.
    public func entryOutcomes(
        _ side: PositionSide, _ state: StateVector, previous: StateVector? = nil, into outcomes: inout [Truth]
    ) -> Truth? {
        let conditions = side == .long ? rules.longEntries : rules.shortEntries
        outcomes.removeAll(keepingCapacity: true)
        var cursor = EvaluationCursor()
        for index in conditions.indices { outcomes.append(conditions[index].code(state, previous, &cursor)) }
        return (side == .long ? rules.longGuard : rules.shortGuard).map { $0.code(state, previous, &cursor) }
    }

    static func onTickGrid(_ price: Price) -> Price {
        guard price >= Price(cents: 100), price.raw % 100 != 0 else { return price }
        return Price(cents: (price.raw + 50) / 100)
    }

    private static func traced(
        _ code: Code<Truth>, _ state: StateVector, _ previous: StateVector?, into trace: ReadingTrace
    ) -> (Truth, [Reading]) {
        trace.reset()
        var cursor = EvaluationCursor(trace: trace)
        let outcome = code(state, previous, &cursor)
        return (outcome, trace.readings)
    }

    private func evaluate(
        _ exit: CompiledRules.Exit, side: PositionSide, _ state: StateVector, _ previous: StateVector?
    ) -> ExitRuleResult {
        let trace = ReadingTrace()
        var cursor = EvaluationCursor(trace: trace)
        let outcome = exit.code(state, previous, &cursor)
        var price: Price?
        var fired = outcome == .yes
        if let value = exit.value {
            // On the tick grid: a stop or target of `LAST * 0.9996` is a whole cent at $1 and above
            // (Reg NMS 612), the nearest one, as the risk manager requires of every order price.
            price = value.run(state, previous, &cursor).flatMap { Price(rounding: $0) }.map(Self.onTickGrid)
            if price == nil { fired = false }
            if case .tightenStop = exit.definition.action, let new = price,
                let stop = state.activeOrders.first(where: { $0.role == .stop })?.price
            {
                fired = fired && (side == .long ? new > stop : new < stop)
            }
        }
        let definition = exit.definition
        return ExitRuleResult(
            name: definition.name, rule: definition.rule, action: definition.action, outcome: outcome, fired: fired,
            price: price,
            readings: trace.readings)
    }
}

extension CompiledStrategy {
    /// The entry conditions of `side` evaluated by walking their parsed trees and resolving every
    /// name by string, as a naive interpreter would. Slow on purpose: the baseline that
    /// benchmarks measure the compiled checklist against, and that tests cross-check it with.
    public func referenceOutcomes(_ side: PositionSide, _ state: StateVector) -> [Truth] {
        let conditions = side == .long ? rules.longEntries : rules.shortEntries
        return conditions.map { condition in
            var interpreter = ReferenceInterpreter(state: state)
            return interpreter.truth(condition.tree)
        }
    }
}
