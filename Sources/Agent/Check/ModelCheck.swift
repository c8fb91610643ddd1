public import Brain
public import MarketData
import StateVector
public import Strategy

/// `fsd model check`: the strategy's real prompt sent on real states of a day (a setup, a tick
/// without one, a held position), each call measured, and set against how long the strategy's
/// setups last on that day, so a trader knows what a model's speed means before risking money.
public struct ModelCheck: Sendable {
    /// One measured call.
    public struct Call: Sendable {
        /// `setup (LONG)`, `no setup`, `held LONG position`.
        public var label: String
        public var time: Timestamp
        public var latencyMs: Double
        public var ttftMs: Double?
        public var promptTokens: Int?
        public var completionTokens: Int?
        public var reasoningChars: Int
        /// The command the reply parsed to, or nil with `failure`.
        public var command: String?
        public var failure: String?
        /// A reply came (parsed or not); false when the request itself failed.
        public var answered: Bool
        /// What the think budget did to this call, when it was spent.
        public var thinkBudget: ThinkBudgetUse?
        /// Prompt tokens the server reused from its cache, when it says (llama.cpp, vLLM).
        public var cachedPromptTokens: Int?

        public init(
            label: String, time: Timestamp, latencyMs: Double, ttftMs: Double? = nil, promptTokens: Int? = nil,
            completionTokens: Int? = nil, reasoningChars: Int = 0, command: String?, failure: String? = nil, answered: Bool,
            thinkBudget: ThinkBudgetUse? = nil, cachedPromptTokens: Int? = nil
        ) {
            self.label = label
            self.time = time
            self.latencyMs = latencyMs
            self.ttftMs = ttftMs
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.reasoningChars = reasoningChars
            self.command = command
            self.failure = failure
            self.answered = answered
            self.thinkBudget = thinkBudget
            self.cachedPromptTokens = cachedPromptTokens
        }
    }

    public var model: String
    public var strategy: String
    public var calls: [Call] = []
    public var lives: SetupLives
    /// Bytes two consecutive ticks' prompts share from the start, and where the state begins.
    public var sharedPrefix = 0
    public var stateOffset = 0
    public var promptBytes = 0

    /// Sends the prompt for each sample state of `lives` through `decider` (the agent's own request).
    public static func run(decider: Decider, strategy: CompiledStrategy, lives: SetupLives) async -> ModelCheck {
        var check = ModelCheck(model: decider.description, strategy: strategy.definition.name, lives: lives)
        var questions: [(String, Consultation)] = []
        if let setup = lives.setup {
            let question = consultation(1, setup.time, setup.state, setup.previous, strategy)
            questions.append(("setup (\(question.call.rawValue))", question))
            if let held = heldPosition(setup.state, side: question.call == .short ? .short : .long, strategy: strategy) {
                questions.append(("held \(question.call == .short ? "SHORT" : "LONG") position", consultation(3, setup.time, held, setup.previous, strategy)))
            }
            if let previous = setup.previous, let now = decider.messages(for: question, strategy: strategy),
                let before = decider.messages(
                    for: consultation(0, setup.time - .milliseconds(200), previous, nil, strategy), strategy: strategy)
            {
                check.measurePrefix(now, before)
            }
        }
        if let quiet = lives.noSetup {
            questions.insert(("no setup", consultation(2, quiet.time, quiet.state, quiet.previous, strategy)), at: min(1, questions.count))
        }
        for (label, question) in questions {
            let answer = await decider.ask(question, strategy: strategy)
            let record = answer.record
            check.calls.append(
                Call(
                    label: label, time: question.askedAt, latencyMs: Double(answer.latency.nanosecondCount) / 1e6,
                    ttftMs: record?.ttftMicroseconds.map { Double($0) / 1e3 }, promptTokens: record?.promptTokens,
                    completionTokens: record?.completionTokens, reasoningChars: record?.reasoning?.count ?? 0,
                    command: answer.reply?.failure == nil ? answer.reply.map { $0.command.description } : nil,
                    failure: answer.failure ?? answer.reply?.failure.map { "\($0)" }, answered: record != nil,
                    thinkBudget: answer.thinkBudget, cachedPromptTokens: record?.cachedPromptTokens))
        }
        return check
    }

    private static func consultation(
        _ id: Int, _ time: Timestamp, _ state: StateVector, _ previous: StateVector?, _ strategy: CompiledStrategy
    ) -> Consultation {
        let checklist = strategy.evaluate(state, previous: previous)
        return Consultation(
            id: id, askedAt: time, state: state, previous: previous, longPassed: checklist.long.passed,
            shortPassed: checklist.short.passed, checklist: checklist)
    }

    /// The setup's state with the strategy's position on `side` bought at the touch, protected by a
    /// stop at `max_risk_per_share` and a target at `max_target`.
    static func heldPosition(_ state: StateVector, side: PositionSide, strategy: CompiledStrategy) -> StateVector? {
        guard let ask = state.market.askStack.first?.price, let bid = state.market.bidStack.first?.price else { return nil }
        let risk = strategy.definition.risk
        let distances = risk.dollars(at: state.market.last)
        let entry = side == .long ? ask : bid
        var held = state
        held.account.position = risk.positionSize
        held.account.positionSide = side
        held.account.avgEntry = entry
        held.account.dailyTrades = 1
        let exit: TradeSide = side == .long ? .sell : .buy
        held.activeOrders = [
            ActiveOrder(
                id: "check-stop", role: .stop, side: exit, type: .stop,
                price: side == .long ? entry - distances.maxRiskPerShare : entry + distances.maxRiskPerShare,
                qty: risk.positionSize,
                status: .working),
            ActiveOrder(
                id: "check-target", role: .target, side: exit, type: .limit,
                price: side == .long ? entry + distances.maxTarget : entry - distances.maxTarget, qty: risk.positionSize,
                status: .working),
        ]
        return held
    }

    private mutating func measurePrefix(_ now: [ChatMessage], _ before: [ChatMessage]) {
        let a = Array(now.map(\.content).joined(separator: "\u{0}").utf8)
        let b = Array(before.map(\.content).joined(separator: "\u{0}").utf8)
        var shared = 0
        while shared < min(a.count, b.count), a[shared] == b[shared] { shared += 1 }
        sharedPrefix = shared
        promptBytes = a.count
        // The state vector's JSON opens with its first key, whatever the template puts around it.
        let text = now.map(\.content).joined(separator: "\u{0}")
        if let key = text.range(of: "\"TICKER\"") {
            let open = text[..<key.lowerBound].lastIndex(of: "{") ?? key.lowerBound
            stateOffset = text.utf8.distance(from: text.startIndex, to: open)
        }
    }

    /// True when everything before the state is the same from tick to tick (a warm server then
    /// re-reads only the state).
    public var prefixIsStable: Bool { promptBytes > 0 && sharedPrefix >= stateOffset && stateOffset > 0 }

    /// The median latency of the calls that answered, milliseconds.
    public var latencyP50: Double? {
        let values = calls.filter(\.answered).map(\.latencyMs).sorted()
        return values.isEmpty ? nil : values[(values.count - 1) / 2]
    }

    /// What the figures mean, in one sentence a trader can act on.
    public var advice: String {
        guard let p90 = lives.percentile(90), let p50Life = lives.percentile(50) else {
            return "the strategy finds no setup on this data: no model can help; loosen the rules or try another day"
        }
        guard let latency = latencyP50 else {
            return "no call was answered: fix the model server before trading with it"
        }
        let seconds = latency / 1000
        if seconds > p90 {
            return "p50 \(Self.one(seconds)) s > setups' p90 life \(Self.one(p90)) s: with gate: arrival expect almost no entries; use gate: hold, a faster model, or a think budget"
                + budgetHint(life: p90)
        }
        if seconds > p50Life {
            return "p50 \(Self.one(seconds)) s is past the setups' p50 life \(Self.one(p50Life)) s (p90 \(Self.one(p90)) s): with gate: arrival about half the setups are lost; gate: hold keeps them"
        }
        return "p50 \(Self.one(seconds)) s < setups' p50 life \(Self.one(p50Life)) s: gate: arrival works with this model"
    }

    /// Tokens a second the model generated, from the calls that said how many they wrote: their
    /// tokens over the time after the first one.
    public var tokensPerSecond: Double? {
        var tokens = 0
        var seconds = 0.0
        for call in calls where call.answered {
            guard let written = call.completionTokens, let ttft = call.ttftMs, call.latencyMs > ttft else { continue }
            tokens += written
            seconds += (call.latencyMs - ttft) / 1000
        }
        return tokens > 0 && seconds > 0 ? Double(tokens) / seconds : nil
    }

    /// `; at the measured 31 tokens/s, max_think_tokens: 96 answers in about 4.8 s`: the budget that
    /// fits `life`, after the first token's wait and about a second for the forced answer.
    private func budgetHint(life: Double) -> String {
        guard let rate = tokensPerSecond else { return "" }
        let firsts = calls.compactMap(\.ttftMs).sorted()
        let firstToken = firsts.isEmpty ? 0 : firsts[(firsts.count - 1) / 2] / 1000
        let left = life - firstToken - 1
        guard left > 0 else {
            return " (its first token alone takes \(Self.one(firstToken)) s: no think budget answers within the setups' life)"
        }
        let budget = max(16, Int(rate * left))
        return " (at the measured \(Int(rate.rounded())) tokens/s, max_think_tokens: \(budget) answers in about \(Self.one(life)) s)"
    }

    static func one(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)"
    }
}
