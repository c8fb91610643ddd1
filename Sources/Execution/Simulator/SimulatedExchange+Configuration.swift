extension SimulatedExchange {
    /// How the simulator behaves: how late orders reach the market and what they cost.
    public struct Configuration: Hashable, Sendable {
        /// One-way delay in data time: an order becomes active, a modification or a cancel takes
        /// effect, this long after it was made. 50 ms is a typical retail path through TWS to the
        /// exchange; 0 makes every request act at once.
        public var latency: Duration
        public var commission: CommissionSchedule

        public init(latency: Duration = .milliseconds(50), commission: CommissionSchedule = .ibkrFixed) {
            self.latency = latency
            self.commission = commission
        }
    }
}
