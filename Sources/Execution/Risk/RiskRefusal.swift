public import MarketData
public import StateVector

/// Why the `RiskManager` refused a request, in words a trader reads (`spread 0.07 > max 0.05`).
public enum RiskRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case halted(Halt)
    case flattening
    case invalidQuantity(Int64)
    case positionLimit(requested: Int64, max: Int64)
    case positionOpen(shares: Int64, side: PositionSide)
    case ordersWorking
    case tradeLimit(trades: Int64, max: Int64)
    case pricesOutOfOrder(side: PositionSide, limit: Price, stop: Price, target: Price)
    case stopTooFar(distance: Price, max: Price)
    case targetTooFar(distance: Price, max: Price, buffer: Price)
    case noQuote
    case spreadTooWide(spread: Price, max: Price)
    case chasing(limit: Price, touch: Price, max: Price)
    /// A limit resting farther from the touch on the passive side than the stop distance allowed:
    /// not an entry into the setup of now (`ENTER_LONG(10.00, …)` with the ask at 245.50).
    case farFromMarket(limit: Price, touch: Price, max: Price)
    case staleData(age: Duration?, max: Duration)
    case lossBudget(risk: Money, remaining: Money)
    case noPosition
    case noBracketLeg(OrderRole)
    case stopWouldFire(stop: Price, touch: Price)
    case targetWrongSide(target: Price, entry: Price, side: PositionSide)
    case subPenny(Price)

    /// A stable name for reports and journals: `spreadTooWide`, `halted`, ...
    public var code: String {
        switch self {
        case .halted: "halted"
        case .flattening: "flattening"
        case .invalidQuantity: "invalidQuantity"
        case .positionLimit: "positionLimit"
        case .positionOpen: "positionOpen"
        case .ordersWorking: "ordersWorking"
        case .tradeLimit: "tradeLimit"
        case .pricesOutOfOrder: "pricesOutOfOrder"
        case .stopTooFar: "stopTooFar"
        case .targetTooFar: "targetTooFar"
        case .noQuote: "noQuote"
        case .spreadTooWide: "spreadTooWide"
        case .chasing: "chasing"
        case .farFromMarket: "farFromMarket"
        case .staleData: "staleData"
        case .lossBudget: "lossBudget"
        case .noPosition: "noPosition"
        case .noBracketLeg: "noBracketLeg"
        case .stopWouldFire: "stopWouldFire"
        case .targetWrongSide: "targetWrongSide"
        case .subPenny: "subPenny"
        }
    }

    public var description: String {
        switch self {
        case .halted(let halt):
            return "trading halted at \(halt.time.clock): \(halt.reason); no entries until the next session"
        case .flattening:
            return "a flatten is in progress; no entries until it completes"
        case .invalidQuantity(let quantity):
            return "quantity \(quantity): an entry needs at least 1 share"
        case .positionLimit(let requested, let max):
            return "quantity \(requested) > max position \(max)"
        case .positionOpen(let shares, let side):
            return "a \(side.name) position of \(shares) shares is open; one position at a time"
        case .ordersWorking:
            return "orders are still working; one bracket at a time"
        case .tradeLimit(let trades, let max):
            return "\(trades) trades today reached max trades per day \(max)"
        case .pricesOutOfOrder(let side, let limit, let stop, let target):
            let shape = side == .long ? "stop < limit < target" : "target < limit < stop"
            return "a \(side.name) needs \(shape); got limit \(limit.display), stop \(stop.display), target \(target.display)"
        case .stopTooFar(let distance, let max):
            return "stop distance \(distance.display) > max risk per share \(max.display)"
        case .targetTooFar(let distance, let max, let buffer):
            return "target distance \(distance.display) > max target \(max.display) and not within \(buffer.display) in front of a wall or key level"
        case .noQuote:
            return "no bid or no ask in the book"
        case .spreadTooWide(let spread, let max):
            return "spread \(spread.display) > max \(max.display)"
        case .chasing(let limit, let touch, let max):
            return "limit \(limit.display) is \(Price(raw: limit.raw > touch.raw ? limit.raw - touch.raw : touch.raw - limit.raw).display) through the touch \(touch.display) > max slippage \(max.display)"
        case .farFromMarket(let limit, let touch, let max):
            return "limit \(limit.display) rests \(Price(raw: abs(limit.raw - touch.raw)).display) away from the touch \(touch.display) > max risk per share \(max.display); an entry works near the market"
        case .staleData(let age, let max):
            guard let age else { return "no market data yet" }
            return "market data \(Self.millis(age)) ms old > max \(Self.millis(max)) ms"
        case .lossBudget(let risk, let remaining):
            return "a stop-out would lose \(risk.display) but only \(remaining.display) is left of the daily loss limit"
        case .noPosition:
            return "no position is open"
        case .noBracketLeg(let role):
            return "no working \(role.name) order to change"
        case .stopWouldFire(let stop, let touch):
            return "stop \(stop.display) is at or through the touch \(touch.display) and would fire at once; use CANCEL_ALL() to exit"
        case .targetWrongSide(let target, let entry, let side):
            return "target \(target.display) is not on the profitable side of a \(side.name) entered at \(entry.display)"
        case .subPenny(let price):
            return "price \(price.display) is not a whole cent; exchanges refuse sub-penny orders at $1.00 and above"
        }
    }

    private static func millis(_ duration: Duration) -> Int64 {
        duration.nanosecondCount / Timestamp.nanosPerMillisecond
    }
}
