public import MarketData
public import StateVector

/// Proof that the `RiskManager` approved moving a bracket's stop or target to `price`.
public struct ApprovedPriceChange: Hashable, Sendable {
    /// `.stop` or `.target`.
    public let role: OrderRole
    public let price: Price

    init(role: OrderRole, price: Price) {
        self.role = role
        self.price = price
    }
}
