import MarketData
import StateVector

@testable import Execution

/// Small builders for hand-written market scripts: times in milliseconds after 10:00:00, prices in
/// cents.
enum Market {
    static func time(_ ms: Int64) -> Timestamp {
        Timestamp(hours: 10, minutes: 0, seconds: 0, nanos: ms * Timestamp.nanosPerMillisecond)
    }

    static func price(_ cents: Int64) -> Price { Price(cents: cents) }

    static func depth(_ side: BookSide, _ cents: Int64, _ size: Int64, at ms: Int64, endsBatch: Bool = true) -> TimedEvent {
        TimedEvent(
            time: time(ms),
            event: .depth(DepthUpdate(side: side, price: price(cents), size: size, operation: size > 0 ? .update : .delete)),
            endsBatch: endsBatch)
    }

    static func trade(
        _ cents: Int64, _ size: Int64, _ aggressor: Aggressor, at ms: Int64, setsLast: Bool = true, endsBatch: Bool = true
    ) -> TimedEvent {
        TimedEvent(
            time: time(ms), event: .trade(Trade(price: price(cents), size: size, aggressor: aggressor, setsLast: setsLast)),
            endsBatch: endsBatch)
    }

    /// One batch that moves a three-level book to `mid` and `spread`: the old levels (`bids`,
    /// `asks`, updated) deleted, the new ones sized at random within `sizes`. The property tests' market.
    static func movedBook(
        bids: inout [Int64], asks: inout [Int64], mid: Int64, spread: Int64, sizes: ClosedRange<Int64>, at ms: Int64,
        using random: inout some RandomNumberGenerator
    ) -> [TimedEvent] {
        var batch: [TimedEvent] = []
        for cents in bids { batch.append(depth(.bid, cents, 0, at: ms, endsBatch: false)) }
        for cents in asks { batch.append(depth(.ask, cents, 0, at: ms, endsBatch: false)) }
        bids = (0..<3).map { mid - $0 }
        asks = (0..<3).map { mid + spread + $0 }
        for cents in bids { batch.append(depth(.bid, cents, .random(in: sizes, using: &random), at: ms, endsBatch: false)) }
        for cents in asks { batch.append(depth(.ask, cents, .random(in: sizes, using: &random), at: ms, endsBatch: false)) }
        batch[batch.count - 1].endsBatch = true
        return batch
    }

    /// Bids 100.00×300, 99.99×200, 99.98×500; asks 100.01×100, 100.02×200, 100.03×400, at 0 ms.
    static let standardBook: [TimedEvent] = [
        depth(.bid, 100_00, 300, at: 0), depth(.bid, 99_99, 200, at: 0), depth(.bid, 99_98, 500, at: 0),
        depth(.ask, 100_01, 100, at: 0), depth(.ask, 100_02, 200, at: 0), depth(.ask, 100_03, 400, at: 0),
    ]

    /// A simulator with `latency` ms of latency, IBKR fixed commissions and the standard book.
    static func exchange(latency ms: Int64 = 10, commission: CommissionSchedule = .ibkrFixed) -> SimulatedExchange {
        let exchange = SimulatedExchange(
            configuration: .init(latency: .milliseconds(ms), commission: commission))
        for event in standardBook { exchange.apply(event) }
        return exchange
    }

    static func limit(
        _ id: ClientOrderID, _ side: TradeSide, _ quantity: Int64, _ cents: Int64, role: OrderRole = .entry,
        parent: ClientOrderID? = nil, oca: String? = nil
    ) -> OrderRequest {
        OrderRequest(
            id: id, side: side, type: .limit, price: price(cents), quantity: quantity, role: role, parent: parent,
            ocaGroup: oca)
    }

    static func stop(
        _ id: ClientOrderID, _ side: TradeSide, _ quantity: Int64, _ cents: Int64, parent: ClientOrderID? = nil,
        oca: String? = nil
    ) -> OrderRequest {
        OrderRequest(
            id: id, side: side, type: .stop, price: price(cents), quantity: quantity, role: .stop, parent: parent,
            ocaGroup: oca)
    }
}

extension ExecutionReport {
    var fill: Fill? {
        if case .fill(let fill) = event { return fill }
        return nil
    }

    var cancelReason: String? {
        if case .cancelled(let reason) = event { return reason }
        return nil
    }
}

extension Array where Element == ExecutionReport {
    /// `quantity@price` of every fill, in order: `["100@100.01", "150@100.02"]`.
    var fills: [String] { compactMap(\.fill).map { "\($0.quantity)@\($0.price.display)" } }
}
