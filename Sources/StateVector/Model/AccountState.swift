public import MarketData

/// The account half of the state vector (FEATURES.md "Account state and orders").
public struct AccountState: Hashable, Sendable {
    /// Shares held, unsigned; the direction is `positionSide`.
    public var position: Int64 = 0
    public var positionSide: PositionSide?
    public var avgEntry: Price?
    /// Marked at the side you would exit on: the bid for a long, the ask for a short.
    public var unrealizedPL: Money = .zero
    /// Realized plus unrealized, after commissions.
    public var dailyPL: Money = .zero
    /// Entries filled today.
    public var dailyTrades: Int64 = 0

    public init() {}

    /// Shares held, negative for a short: what the journal records.
    public var signedPosition: Int64 { positionSide == .short ? -position : position }
}

/// A working order (`ACTIVE_ORDERS`).
public struct ActiveOrder: Hashable, Sendable {
    public var id: String
    public var role: OrderRole
    public var side: TradeSide
    public var type: OrderType
    public var price: Price?
    public var qty: Int64
    public var status: OrderStatus

    public init(id: String, role: OrderRole, side: TradeSide, type: OrderType, price: Price?, qty: Int64, status: OrderStatus) {
        self.id = id
        self.role = role
        self.side = side
        self.type = type
        self.price = price
        self.qty = qty
        self.status = status
    }
}

/// One of the last decisions (`HISTORY`): the model's command and what became of it.
public struct HistoryEntry: Hashable, Sendable {
    /// `HH:MM:SS.mmm` on the session clock.
    public var time: String
    public var command: String
    public var outcome: DecisionOutcome
    /// The gate's reason for a rejection, or the model's for a wait.
    public var reason: String?

    public init(time: String, command: String, outcome: DecisionOutcome, reason: String? = nil) {
        self.time = time
        self.command = command
        self.outcome = outcome
        self.reason = reason
    }
}

/// Everything the model and the checklist see at one moment.
public struct StateVector: Hashable, Sendable {
    public var market: MarketState
    public var account: AccountState
    public var activeOrders: [ActiveOrder]
    /// The last decisions, oldest first (at most 3 in the prompt).
    public var history: [HistoryEntry]

    public init(
        market: MarketState = MarketState(), account: AccountState = AccountState(),
        activeOrders: [ActiveOrder] = [], history: [HistoryEntry] = []
    ) {
        self.market = market
        self.account = account
        self.activeOrders = activeOrders
        self.history = history
    }
}
