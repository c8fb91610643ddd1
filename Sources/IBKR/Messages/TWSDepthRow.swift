import MarketData

/// updateMktDepth (12) or updateMktDepthL2 (13): one row of the book by position.
public struct TWSDepthRow: Hashable, Sendable {
    public enum Operation: Int, Sendable, Hashable {
        case insert = 0
        case update = 1
        case delete = 2
    }

    public var reqID: Int
    /// 0-based within the side.
    public var position: Int
    /// The venue under SMART depth, the MPID on a single venue; nil for message 12.
    public var marketMaker: String?
    public var operation: Operation
    public var side: BookSide
    public var price: Price
    public var size: Int64
    public var isSmartDepth: Bool

    public init(
        reqID: Int, position: Int, marketMaker: String?, operation: Operation, side: BookSide, price: Price,
        size: Int64, isSmartDepth: Bool
    ) {
        self.reqID = reqID
        self.position = position
        self.marketMaker = marketMaker
        self.operation = operation
        self.side = side
        self.price = price
        self.size = size
        self.isSmartDepth = isSmartDepth
    }
}
