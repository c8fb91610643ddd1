extension OrderManager {
    /// How brackets are named and how long an entry may wait.
    public struct Configuration: Hashable, Sendable {
        /// The prefix of every client order id, unique per account and day, e.g. `GOOG-20120621`.
        public var session: String
        /// An entry's unfilled remainder is cancelled this long after submission (the legs keep
        /// protecting what did fill); nil keeps it working until cancelled.
        public var entryTimeout: Duration?

        public init(session: String, entryTimeout: Duration? = .seconds(30)) {
            self.session = session
            self.entryTimeout = entryTimeout
        }
    }
}
