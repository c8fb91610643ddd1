import Execution
import Logging
import MarketData
import StateVector

/// The `Broker` of the execution layer on a TWS connection. Our `ClientOrderID` travels in each
/// order's `orderRef`, so a reconnection matches what TWS holds with what we sent; a submission
/// whose id is already known is ignored, and nothing is ever resubmitted by itself.
///
/// Calls are synchronous (the agent's loop); they are queued in order to one task that talks to
/// the connection, and reports are buffered until `drainReports()`.
public final class IBKRBroker: Broker, Sendable {
    let connection: IBKRConnection
    let contract: TWSContract
    let logger: Logger
    private let calls: AsyncStream<Call>.Continuation
    let state = Locked(IBKRBrokerState())

    /// One `Broker` call, queued in order for the worker.
    enum Call: Sendable {
        case submit([OrderRequest], Timestamp)
        case modify(ClientOrderID, Price, Timestamp)
        case cancel(ClientOrderID, Timestamp)
        case cancelAll(Timestamp)
    }

    /// - Parameters:
    ///   - contract: the instrument traded (use `IBKRConnection.contractDetails(for:)` to resolve it).
    ///   - confirmationTimeout: how long TWS has to acknowledge a submitted group before it is
    ///     cancelled and reported rejected.
    public init(
        connection: IBKRConnection, contract: TWSContract, confirmationTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "fsd.ibkr.broker")
    ) {
        self.connection = connection
        self.contract = contract
        self.logger = logger
        let (stream, continuation) = AsyncStream<Call>.makeStream()
        self.calls = continuation
        let state = self.state
        Task { [connection, contract, logger] in
            let worker = IBKRBrokerWorker(
                connection: connection, contract: contract, state: state, logger: logger,
                confirmationTimeout: confirmationTimeout)
            await worker.run(calls: stream)
        }
    }

    deinit { calls.finish() }

    /// True when TWS is connected, reconciled and streaming: only then may the agent enter.
    public var isReady: Bool { state.withLock { $0.connectionState == .ready } }
    /// Where the connection stands, as of its last change.
    public var connectionState: IBKRConnectionState { state.withLock { $0.connectionState } }

    public func submit(_ orders: [OrderRequest], at time: Timestamp) { calls.yield(.submit(orders, time)) }
    public func modify(_ id: ClientOrderID, price: Price, at time: Timestamp) { calls.yield(.modify(id, price, time)) }
    public func cancel(_ id: ClientOrderID, at time: Timestamp) { calls.yield(.cancel(id, time)) }
    public func cancelAll(at time: Timestamp) { calls.yield(.cancelAll(time)) }

    public func drainReports() -> [ExecutionReport] {
        state.withLock { state in
            defer { state.reports.removeAll() }
            return state.reports
        }
    }
}
