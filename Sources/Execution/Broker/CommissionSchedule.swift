public import MarketData

/// A per-share commission with a per-order minimum and a cap as a share of the trade value.
///
/// The default is IBKR Pro Fixed for US stocks: USD 0.005 per share, at least USD 1.00 per order,
/// at most 1% of the trade value (the cap wins over the minimum: 100 shares at $0.25 cost $0.25).
/// The minimum is per order, not per execution: an order's commission is computed on its
/// cumulative quantity and value, and each execution is charged the increase.
public struct CommissionSchedule: Hashable, Sendable {
    public var perShare: Money
    public var minimumPerOrder: Money
    /// The cap in basis points of the trade value (100 = 1%); nil for no cap.
    public var maximumBasisPoints: Int64?

    public init(perShare: Money, minimumPerOrder: Money, maximumBasisPoints: Int64?) {
        self.perShare = perShare
        self.minimumPerOrder = minimumPerOrder
        self.maximumBasisPoints = maximumBasisPoints
    }

    /// IBKR Pro Fixed, US stocks.
    public static let ibkrFixed = CommissionSchedule(
        perShare: Money(raw: 50), minimumPerOrder: Money(raw: 10_000), maximumBasisPoints: 100)

    /// No commission.
    public static let free = CommissionSchedule(perShare: .zero, minimumPerOrder: .zero, maximumBasisPoints: nil)

    /// The commission of an order that has filled `shares` for a total of `value`.
    public func commission(shares: Int64, value: Money) -> Money {
        guard shares > 0 else { return .zero }
        var amount = perShare * shares
        if amount < minimumPerOrder { amount = minimumPerOrder }
        if let maximumBasisPoints {
            // Half away from zero, to the 1/10,000 $ unit.
            let scaled = (value.raw.magnitude * UInt64(max(0, maximumBasisPoints)) + 5_000) / 10_000
            let cap = Money(raw: Int64(clamping: scaled))
            if cap < amount { amount = cap }
        }
        return amount
    }
}
