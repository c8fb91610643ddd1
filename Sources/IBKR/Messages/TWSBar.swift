import MarketData

/// One bar of historicalData (message 17).
public struct TWSBar: Hashable, Sendable {
    public var date: String
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price
    public var volume: Int64
    public var barCount: Int

    public init(date: String, open: Price, high: Price, low: Price, close: Price, volume: Int64, barCount: Int) {
        self.date = date
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.barCount = barCount
    }
}
