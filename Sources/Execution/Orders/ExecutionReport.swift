public import MarketData

/// Something a broker says about one of our orders. Every report carries the order's state after
/// the event, its cumulative filled quantity and the quantity it is working now, so a consumer can
/// rebuild an order's state from the last report alone.
public struct ExecutionReport: Hashable, Sendable, Codable {
    public enum Event: Hashable, Sendable, Codable {
        /// The broker has the order (working, or held as a bracket leg).
        case accepted
        /// An execution.
        case fill(Fill)
        /// The working quantity or state changed with no fill: a bracket leg activated by its
        /// entry's fill, or reduced by a fill of its OCA sibling.
        case updated
        /// A modification took effect: the new limit or trigger price.
        case modified(price: Price)
        /// The order is done without (further) fills: cancelled by us, by its OCA group, with its
        /// parent, or expired. The reason is text a trader reads.
        case cancelled(reason: String)
        /// The broker refused the order; nothing of it exists.
        case rejected(reason: String)
        /// A cancel or modify could not be applied (the order was already done); the order is
        /// unchanged.
        case requestRefused(reason: String)

        private enum CodingKeys: String, CodingKey { case kind, fill, price, reason }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let kind = try container.decode(String.self, forKey: .kind)
            switch kind {
            case "accepted": self = .accepted
            case "fill": self = .fill(try container.decode(Fill.self, forKey: .fill))
            case "updated": self = .updated
            case "modified": self = .modified(price: try container.decodePrice(forKey: .price))
            case "cancelled": self = .cancelled(reason: try container.decode(String.self, forKey: .reason))
            case "rejected": self = .rejected(reason: try container.decode(String.self, forKey: .reason))
            case "requestRefused": self = .requestRefused(reason: try container.decode(String.self, forKey: .reason))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: container,
                    debugDescription:
                        "expected one of accepted, fill, updated, modified, cancelled, rejected, requestRefused, found '\(kind)'"
                )
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .accepted: try container.encode("accepted", forKey: .kind)
            case .fill(let fill):
                try container.encode("fill", forKey: .kind)
                try container.encode(fill, forKey: .fill)
            case .updated: try container.encode("updated", forKey: .kind)
            case .modified(let price):
                try container.encode("modified", forKey: .kind)
                try container.encode(price: price, forKey: .price)
            case .cancelled(let reason):
                try container.encode("cancelled", forKey: .kind)
                try container.encode(reason, forKey: .reason)
            case .rejected(let reason):
                try container.encode("rejected", forKey: .kind)
                try container.encode(reason, forKey: .reason)
            case .requestRefused(let reason):
                try container.encode("requestRefused", forKey: .kind)
                try container.encode(reason, forKey: .reason)
            }
        }
    }

    public var orderID: ClientOrderID
    /// When it happened on the session clock (data time in replay).
    public var time: Timestamp
    public var event: Event
    /// The order's state after the event.
    public var state: OrderState
    /// Shares filled so far, all executions together.
    public var filledQuantity: Int64
    /// Shares the order is working for now (0 once terminal). A held bracket leg reports its
    /// full quantity; an active leg the part of its entry's fills not yet exited.
    public var workingQuantity: Int64

    public init(
        orderID: ClientOrderID, time: Timestamp, event: Event, state: OrderState, filledQuantity: Int64,
        workingQuantity: Int64
    ) {
        self.orderID = orderID
        self.time = time
        self.event = event
        self.state = state
        self.filledQuantity = filledQuantity
        self.workingQuantity = workingQuantity
    }

    private enum CodingKeys: String, CodingKey {
        case orderID, time, event, state, filledQuantity, workingQuantity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try container.decode(ClientOrderID.self, forKey: .orderID)
        time = try container.decodeTime(forKey: .time)
        event = try container.decode(Event.self, forKey: .event)
        state = try container.decode(OrderState.self, forKey: .state)
        filledQuantity = try container.decode(Int64.self, forKey: .filledQuantity)
        workingQuantity = try container.decode(Int64.self, forKey: .workingQuantity)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(time: time, forKey: .time)
        try container.encode(event, forKey: .event)
        try container.encode(state, forKey: .state)
        try container.encode(filledQuantity, forKey: .filledQuantity)
        try container.encode(workingQuantity, forKey: .workingQuantity)
    }
}
