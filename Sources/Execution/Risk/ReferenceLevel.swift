public import MarketData
public import StateVector

/// A price a target may stand just in front of: a DOM wall or a key level (HOD, LOD, VWAP, the
/// volume profile's POC, VAH and VAL).
public struct ReferenceLevel: Hashable, Sendable {
    public var price: Price
    /// How a trader names it: `ASK wall 247.00`, `HOD 245.80`.
    public var name: String
    /// The book side of a wall; nil for a key level, which counts in both directions.
    public var wallSide: QuoteSide?

    public init(price: Price, name: String, wallSide: QuoteSide? = nil) {
        self.price = price
        self.name = name
        self.wallSide = wallSide
    }

    /// Whether a target of a trade in `side` may use this level: ASK walls and key levels above a
    /// long's entry, BID walls and key levels below a short's.
    public func guards(_ side: PositionSide, entry: Price) -> Bool {
        if let wallSide, wallSide != (side == .long ? .ask : .bid) { return false }
        return side == .long ? price > entry : price < entry
    }
}
