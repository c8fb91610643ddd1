public import MarketData

/// One command of the model's DSL (ARCHITECTURE.md "The command DSL"): what the gate judges.
///
/// `description` writes the command back in the DSL's own spelling, prices with two decimals (four
/// when sub-penny), so a journal line or a HISTORY entry reads exactly like a model reply.
public enum Command: Hashable, Sendable, CustomStringConvertible {
    /// Buy `limit`, with a protective `stop` below and a profit `target` above.
    case enterLong(limit: Price, stop: Price, target: Price)
    /// Sell short at `limit`, with `stop` above and `target` below.
    case enterShort(limit: Price, stop: Price, target: Price)
    /// Move the open position's stop.
    case updateStop(Price)
    /// Move the open position's target.
    case updateTarget(Price)
    /// Cancel every working order and flatten any position.
    case cancelAll
    /// Do nothing this tick, for the reason given.
    case wait(reason: String)

    /// The DSL keyword, e.g. `ENTER_LONG`.
    public var keyword: String {
        switch self {
        case .enterLong: "ENTER_LONG"
        case .enterShort: "ENTER_SHORT"
        case .updateStop: "UPDATE_STOP"
        case .updateTarget: "UPDATE_TARGET"
        case .cancelAll: "CANCEL_ALL"
        case .wait: "WAIT"
        }
    }

    /// True for the two commands that open a position.
    public var isEntry: Bool {
        switch self {
        case .enterLong, .enterShort: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .enterLong(let limit, let stop, let target), .enterShort(let limit, let stop, let target):
            "\(keyword)(\(limit.display), \(stop.display), \(target.display))"
        case .updateStop(let price), .updateTarget(let price):
            "\(keyword)(\(price.display))"
        case .cancelAll:
            "CANCEL_ALL()"
        case .wait(let reason):
            "WAIT(\"\(reason.replacingQuotes())\")"
        }
    }
}

extension String {
    /// The reason with its double quotes made single, so `WAIT("…")` stays one well-formed command.
    fileprivate func replacingQuotes() -> String {
        String(map { $0 == "\"" ? "'" : $0 })
    }
}
