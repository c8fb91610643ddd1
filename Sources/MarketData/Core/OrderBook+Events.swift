extension OrderBook {
    /// Applies what `event` says about the book: a depth update, or a reset that clears both sides.
    /// Trades and quotes leave the L2 book alone (the depth updates that follow them move it).
    @inlinable
    public mutating func apply(_ event: MarketEvent) {
        switch event {
        case .depth(let update): apply(update)
        case .bookReset: clear()
        case .trade, .quote: break
        }
    }
}
