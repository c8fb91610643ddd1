public import MarketData
public import StateVector

/// What the terminal view shows at one moment; built on demand, never on the backtest's hot path.
public struct AgentSnapshot: Sendable {
    /// One checklist condition as the user wrote it, with its value now.
    public struct Condition: Hashable, Sendable {
        public var text: String
        public var passed: Bool

        public init(text: String, passed: Bool) {
            self.text = text
            self.passed = passed
        }
    }

    public var time: Timestamp = Timestamp(nanos: 0)
    public var symbol = ""
    public var strategyName = ""
    public var model = ""
    public var last: Price?
    public var bid: Price?
    public var ask: Price?
    public var account = AccountState()
    public var activeOrders: [ActiveOrder] = []
    public var longConditions: [Condition] = []
    public var shortConditions: [Condition] = []
    /// The open position's exit rules, `passed` meaning the rule fires now (empty when flat).
    public var exitRules: [Condition] = []
    /// Why no entry can be made now (a halt, a broker not connected, a stop under way).
    public var entryBlock: String?
    /// The last rejected strategy edit's diagnostic, until an edit compiles.
    public var reloadRejection: String?
    public var lastDecision: String?
    public var lastVerdict: String?
    public var lastEvent: String?
    public var modelBusy = false
    public var halted: String?
    public var trades = 0
    public var speed: String = ""

    public init() {}
}
