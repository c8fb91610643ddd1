public import MarketData
public import StateVector

/// Position and P&L of one symbol for one trading day, in fixed point.
///
/// The position is signed (negative is short). The cost basis is kept exactly: closing part of a
/// position releases its share of the basis rounded to 1/10,000 $, and closing all of it releases
/// the rest, so a round trip's realized P&L is exactly proceeds minus cost. Unrealized P&L is
/// marked at the side you would exit on: the bid for a long, the ask for a short.
public struct Account: Hashable, Sendable {
    /// Shares held; negative when short.
    public private(set) var position: Int64 = 0
    /// What the open shares cost (long) or brought in (short), always positive or zero.
    public private(set) var costBasis: Money = .zero
    /// Gross realized P&L of closed shares, before commissions.
    public private(set) var realizedPL: Money = .zero
    /// Commissions paid today.
    public private(set) var commissions: Money = .zero
    /// Entries filled today: each time the position leaves flat (a flip through flat counts too),
    /// except by a later part of an entry already counted.
    public private(set) var dailyTrades: Int64 = 0
    /// The last marks.
    public private(set) var bid: Price?
    public private(set) var ask: Price?
    /// Executions already counted, so a repeated report never counts twice.
    public private(set) var executionIDs: Set<String> = []

    public init() {}

    /// Restores the account from a snapshot (a restart on the same day).
    public init(snapshot: AccountSnapshot) {
        position = snapshot.position
        costBasis = snapshot.costBasis
        realizedPL = snapshot.realizedPL
        commissions = snapshot.commissions
        dailyTrades = snapshot.dailyTrades
        bid = snapshot.bid
        ask = snapshot.ask
        executionIDs = Set(snapshot.executionIDs)
    }

    public var snapshot: AccountSnapshot {
        AccountSnapshot(
            position: position, costBasis: costBasis, realizedPL: realizedPL, commissions: commissions,
            dailyTrades: dailyTrades, bid: bid, ask: ask, executionIDs: executionIDs.sorted())
    }

    /// Books one execution; returns false (and changes nothing) for an execution already booked.
    /// - Parameter continuesTrade: the fill is a later part of an entry that has filled before: one
    ///   bracket is one trade, even when its stop took the position flat between two parts (#16).
    @discardableResult
    public mutating func apply(_ fill: Fill, continuesTrade: Bool = false) -> Bool {
        guard fill.quantity > 0, executionIDs.insert(fill.executionID).inserted else { return false }
        commissions += fill.commission
        let signed = fill.side == .buy ? fill.quantity : -fill.quantity
        if position == 0 || (position > 0) == (signed > 0) {
            if position == 0, !continuesTrade { dailyTrades += 1 }
            position += signed
            costBasis += fill.price * fill.quantity
            return true
        }
        let held = abs(position)
        let closing = min(held, fill.quantity)
        let released = closing == held ? costBasis : Self.share(of: costBasis, closing, of: held)
        let value = fill.price * closing
        realizedPL += position > 0 ? value - released : released - value
        costBasis -= released
        position += position > 0 ? -closing : closing
        let opening = fill.quantity - closing
        if opening > 0 {
            // Through flat into the other side: a new trade.
            dailyTrades += 1
            position = signed > 0 ? opening : -opening
            costBasis = fill.price * opening
        }
        return true
    }

    /// Sets the marks for unrealized P&L; a nil side keeps its previous mark.
    public mutating func mark(bid: Price?, ask: Price?) {
        if let bid { self.bid = bid }
        if let ask { self.ask = ask }
    }

    /// Average entry price, rounded half away from zero to 1/10,000 $; nil when flat.
    public var averageEntry: Price? {
        guard position != 0 else { return nil }
        return Self.share(of: costBasis, 1, of: abs(position))
    }

    /// Marked at the exit side; zero when flat or when that side was never seen.
    public var unrealizedPL: Money {
        if position > 0, let bid { return bid * position - costBasis }
        if position < 0, let ask { return costBasis - ask * -position }
        return .zero
    }

    /// Realized plus unrealized, after commissions.
    public var dailyPL: Money { realizedPL + unrealizedPL - commissions }

    /// The `ACCOUNT_STATE` block of the next state vector.
    public var state: AccountState {
        var state = AccountState()
        state.position = abs(position)
        state.positionSide = position > 0 ? .long : position < 0 ? .short : nil
        state.avgEntry = averageEntry
        state.unrealizedPL = unrealizedPL
        state.dailyPL = dailyPL
        state.dailyTrades = dailyTrades
        return state
    }

    /// `amount × part / whole`, rounded half away from zero, without overflow for any real account.
    static func share(of amount: Money, _ part: Int64, of whole: Int64) -> Money {
        guard whole > 0 else { return .zero }
        let (high, low) = amount.raw.magnitude.multipliedFullWidth(by: UInt64(part))
        let (quotient, remainder) = UInt64(whole).dividingFullWidth((high, low))
        let rounded = remainder * 2 >= UInt64(whole) ? quotient + 1 : quotient
        let magnitude = Int64(clamping: rounded)
        return Money(raw: amount.raw < 0 ? -magnitude : magnitude)
    }
}
