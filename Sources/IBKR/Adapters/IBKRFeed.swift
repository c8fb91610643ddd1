import Logging
import MarketData

/// Live market events from TWS: SMART depth (updateMktDepthL2 rows folded into price levels) and
/// tick-by-tick `AllLast` prints and `BidAsk` quotes, stamped on arrival in US/Eastern time.
///
/// IB gives no aggressor side, so each print is classified here by the quote rule, then the tick
/// rule (Analytics' `TradeClassifier`, the one a replay goes through, so a live print and its
/// replay get the same side); prints TWS flags unreported do not set the last price. After every
/// (re)connection, a 1101 or an error 317 the book is void: the feed emits `.bookReset` and
/// rebuilds from the new rows.
public final class IBKRFeed: Feed, Sendable {
    public typealias Element = TimedEvent

    public let symbol: String
    public let sessionDate: SessionDate
    public let contract: TWSContract
    let connection: IBKRConnection
    let rows: Int
    let logger: Logger

    /// - Parameters:
    ///   - rows: depth rows per side to ask for (TWS sends at most what the venue offers).
    public init(connection: IBKRConnection, contract: TWSContract, rows: Int = 10, logger: Logger = Logger(label: "fsd.ibkr.feed")) {
        self.connection = connection
        self.contract = contract
        self.symbol = contract.symbol
        self.sessionDate = WallClock().today()
        self.rows = rows
        self.logger = logger
    }

    public func makeAsyncIterator() -> AsyncStream<TimedEvent>.Iterator {
        let (stream, continuation) = AsyncStream<TimedEvent>.makeStream(bufferingPolicy: .unbounded)
        let task = Task { [self] in await self.pump(continuation) }
        continuation.onTermination = { _ in task.cancel() }
        return stream.makeAsyncIterator()
    }

    private func pump(_ out: AsyncStream<TimedEvent>.Continuation) async {
        var translator = IBKRFeedTranslator()
        // The first event is the state at registration: subscribe now if the connection is past
        // its resubscription point, else wait for `.resubscribe`.
        var subscribed = false
        for await event in await connection.events() {
            if Task.isCancelled { break }
            switch event {
            case .resubscribe:
                translator.requests = await subscribe()
                subscribed = true
                emit(translator.reset(), out)
            case .response(let response):
                guard subscribed else { continue }
                emit(translator.translate(response), out)
            case .state(.stopped):
                out.finish()
                return
            case .state(let state):
                if !subscribed, state == .ready || state == .reconciling || state == .dataLost {
                    translator.requests = await subscribe()
                    subscribed = true
                }
            case .reconciled:
                break
            }
        }
        out.finish()
    }

    private func emit(_ events: [MarketEvent], _ out: AsyncStream<TimedEvent>.Continuation) {
        guard !events.isEmpty else { return }
        let now = WallClock().now()
        for (index, event) in events.enumerated() {
            out.yield(TimedEvent(time: now, event: event, endsBatch: index == events.count - 1))
        }
    }

    private func subscribe() async -> IBKRFeedTranslator.Requests {
        let depth = await connection.nextRequestID()
        let trades = await connection.nextRequestID()
        let quotes = await connection.nextRequestID()
        do {
            try await connection.send([
                .marketDepth(reqID: depth, contract: contract, rows: rows, smart: true),
                .tickByTick(reqID: trades, contract: contract, tickType: "AllLast", count: 0, ignoreSize: false),
                .tickByTick(reqID: quotes, contract: contract, tickType: "BidAsk", count: 0, ignoreSize: false),
            ])
        } catch {
            logger.warning("IBKR feed: could not subscribe: \(error)")
        }
        return IBKRFeedTranslator.Requests(depth: depth, trades: trades, quotes: quotes)
    }
}
