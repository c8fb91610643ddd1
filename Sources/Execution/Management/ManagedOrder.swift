public import MarketData
public import StateVector

/// The order manager's view of one order, rebuilt from the broker's reports.
public struct ManagedOrder: Hashable, Sendable, Codable {
    /// As submitted, with the price of the last modification the broker confirmed.
    public var request: OrderRequest
    public var state: OrderState
    public var filledQuantity: Int64
    public var workingQuantity: Int64
    public var submittedAt: Timestamp
    /// A cancel is on its way.
    public var cancelRequested: Bool
    /// What the fills so far were worth and cost in commission (a restart tells the venue).
    public var filledValue: Money = .zero
    public var commissionPaid: Money = .zero

    public init(request: OrderRequest, submittedAt: Timestamp) {
        self.request = request
        self.state = .pendingSubmit
        self.filledQuantity = 0
        self.workingQuantity = request.quantity
        self.submittedAt = submittedAt
        self.cancelRequested = false
    }

    /// True when a fill of this order continues a trade already counted: an entry filled before.
    public var continuesTrade: Bool { request.role == .entry && filledQuantity > 0 }

    /// Takes one broker report into the order's state.
    public mutating func apply(_ report: ExecutionReport) {
        state = report.state
        filledQuantity = report.filledQuantity
        workingQuantity = report.workingQuantity
        if case .modified(let price) = report.event { request.price = price }
        if case .fill(let fill) = report.event {
            filledValue += fill.price * fill.quantity
            commissionPaid += fill.commission
        }
    }

    /// What the order had filled, for a venue it is sent to again; nil when nothing filled.
    public var priorFills: PriorFills? {
        filledQuantity > 0 ? PriorFills(shares: filledQuantity, value: filledValue, commission: commissionPaid) : nil
    }

    /// The `ACTIVE_ORDERS` entry; nil once the order is done.
    public var activeOrder: ActiveOrder? {
        guard let status = state.activeStatus else { return nil }
        return ActiveOrder(
            id: request.id.rawValue, role: request.role, side: request.side, type: request.type, price: request.price,
            qty: workingQuantity, status: status)
    }

    private enum CodingKeys: String, CodingKey {
        case request, state, filledQuantity, workingQuantity, submittedAt, cancelRequested, filledValue, commissionPaid
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        request = try container.decode(OrderRequest.self, forKey: .request)
        state = try container.decode(OrderState.self, forKey: .state)
        filledQuantity = try container.decode(Int64.self, forKey: .filledQuantity)
        workingQuantity = try container.decode(Int64.self, forKey: .workingQuantity)
        submittedAt = try container.decodeTime(forKey: .submittedAt)
        cancelRequested = try container.decodeIfPresent(Bool.self, forKey: .cancelRequested) ?? false
        // Snapshots written before these fields existed restore with nothing known.
        filledValue = try container.decodePriceIfPresent(forKey: .filledValue) ?? .zero
        commissionPaid = try container.decodePriceIfPresent(forKey: .commissionPaid) ?? .zero
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request, forKey: .request)
        try container.encode(state, forKey: .state)
        try container.encode(filledQuantity, forKey: .filledQuantity)
        try container.encode(workingQuantity, forKey: .workingQuantity)
        try container.encode(time: submittedAt, forKey: .submittedAt)
        try container.encode(cancelRequested, forKey: .cancelRequested)
        if filledQuantity > 0 {
            try container.encode(price: filledValue, forKey: .filledValue)
            try container.encode(price: commissionPaid, forKey: .commissionPaid)
        }
    }
}
