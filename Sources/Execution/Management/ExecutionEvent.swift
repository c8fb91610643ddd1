public import MarketData

/// Something the execution layer did or learned, in order, for the journal.
public enum ExecutionEvent: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Orders sent to the broker together (a bracket, or a flatten order).
    case submitted([OrderRequest])
    case modifyRequested(ClientOrderID, price: Price)
    case cancelRequested(ClientOrderID, reason: String)
    /// Cancel everything, then flatten once the cancels are confirmed.
    case flattenStarted(reason: String)
    /// The flatten is done: no orders working, no position.
    case flattenCompleted
    /// What the broker said.
    case report(ExecutionReport)
    /// The daily loss limit was reached.
    case halted(Halt)

    public var description: String {
        switch self {
        case .submitted(let orders): "submitted " + orders.map(\.summary).joined(separator: ", ")
        case .modifyRequested(let id, let price): "modify \(id) to \(price.display)"
        case .cancelRequested(let id, let reason): "cancel \(id): \(reason)"
        case .flattenStarted(let reason): "cancel all and flatten: \(reason)"
        case .flattenCompleted: "flat, no orders working"
        case .report(let report): "\(report.orderID) \(report.event) -> \(report.state.rawValue)"
        case .halted(let halt): "HALT: \(halt.reason)"
        }
    }

    // MARK: Codable: `{"kind": "submitted", "orders": [...]}` and so on, one journal line each.

    private enum CodingKeys: String, CodingKey { case kind, orders, id, price, reason, report, halt }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "submitted": self = .submitted(try container.decode([OrderRequest].self, forKey: .orders))
        case "modifyRequested":
            self = .modifyRequested(
                try container.decode(ClientOrderID.self, forKey: .id), price: try container.decodePrice(forKey: .price))
        case "cancelRequested":
            self = .cancelRequested(
                try container.decode(ClientOrderID.self, forKey: .id), reason: try container.decode(String.self, forKey: .reason))
        case "flattenStarted": self = .flattenStarted(reason: try container.decode(String.self, forKey: .reason))
        case "flattenCompleted": self = .flattenCompleted
        case "report": self = .report(try container.decode(ExecutionReport.self, forKey: .report))
        case "halted": self = .halted(try container.decode(Halt.self, forKey: .halt))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription:
                    "expected one of submitted, modifyRequested, cancelRequested, flattenStarted, flattenCompleted, report, halted, found '\(kind)'"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .submitted(let orders):
            try container.encode("submitted", forKey: .kind)
            try container.encode(orders, forKey: .orders)
        case .modifyRequested(let id, let price):
            try container.encode("modifyRequested", forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(price: price, forKey: .price)
        case .cancelRequested(let id, let reason):
            try container.encode("cancelRequested", forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(reason, forKey: .reason)
        case .flattenStarted(let reason):
            try container.encode("flattenStarted", forKey: .kind)
            try container.encode(reason, forKey: .reason)
        case .flattenCompleted:
            try container.encode("flattenCompleted", forKey: .kind)
        case .report(let report):
            try container.encode("report", forKey: .kind)
            try container.encode(report, forKey: .report)
        case .halted(let halt):
            try container.encode("halted", forKey: .kind)
            try container.encode(halt, forKey: .halt)
        }
    }
}
