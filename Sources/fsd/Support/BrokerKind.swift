import ArgumentParser

/// Where `fsd run` sends its orders.
enum BrokerKind: String, ExpressibleByArgument, CaseIterable {
    /// The simulated exchange, filling against a replayed session.
    case sim
    /// TWS or IB Gateway over the TWS API.
    case ibkr
}
