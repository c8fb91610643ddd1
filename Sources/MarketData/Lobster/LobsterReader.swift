/// Replays a LOBSTER message + orderbook pair (plain or gzip) as book deltas and trades.
///
/// The orderbook file is the truth for the book: consecutive rows are diffed into `DepthUpdate`s,
/// so after the events of message k the book holds exactly orderbook row k (levels that scroll out
/// of the visible top L are deleted, levels that scroll in inserted). The message file gives the
/// trades: type 4 and 5 executions, with the aggressor opposite to the resting order's direction.
/// The events of one message share its timestamp: the trade first (it met the book as it was),
/// then the book's changes; the last one `endsBatch`.
public final class LobsterReader: EventReader {
    public let symbol: String
    public let sessionDate: SessionDate
    public let messagePath: String
    public let orderbookPath: String
    /// Levels per side in the orderbook file; 0 until the first row is read.
    @exclusivity(unchecked) public private(set) var levels = 0
    /// The message whose events `next()` is returning.
    @exclusivity(unchecked) public private(set) var message = LobsterMessage(
        time: Timestamp(nanos: 0), type: 0, orderID: 0, size: 0, price: .zero, direction: 0)
    /// Rows read from each file so far, which is the 1-based line of `message`.
    @exclusivity(unchecked) public private(set) var messagesRead = 0

    // The hot state is touched once per event from one thread; dynamic exclusivity checks on it
    // cost more than the parsing itself.
    @exclusivity(unchecked) var messages: LineCursor
    @exclusivity(unchecked) var orderbook: LineCursor
    @exclusivity(unchecked) var pending: UnsafeMutablePointer<TimedEvent>
    @exclusivity(unchecked) var pendingCount = 0
    @exclusivity(unchecked) var pendingIndex = 0
    @exclusivity(unchecked) var previousRow: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) var currentRow: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) var previousAsks = 0
    @exclusivity(unchecked) var previousBids = 0
    @exclusivity(unchecked) var lastTime: Int64 = 0
    /// The previous orderbook line and where its fields start: most rows change one or two fields,
    /// so only the bytes that differ from the previous line are parsed (see `parseRow`).
    @exclusivity(unchecked) var previousLine: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var previousLineCapacity = 256
    @exclusivity(unchecked) var previousLineLength = -1
    @exclusivity(unchecked) var previousStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) var currentStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var failure: ReplayError?
    @exclusivity(unchecked) private var finished = false

    /// Opens `messagePath` and the orderbook file beside it.
    /// - Parameter prefetch: inflate and read both files on background threads while parsing.
    /// - Throws: `ReplayError` when a file is missing or the name is not a LOBSTER name.
    public init(messagePath: String, prefetch: Bool = true) throws {
        let name = try LobsterFileName(messagePath: messagePath)
        symbol = name.symbol
        sessionDate = name.sessionDate
        self.messagePath = messagePath
        orderbookPath = name.orderbookPath
        let messageInput = try TextInput.open(messagePath, what: "message file")
        guard PosixFile.exists(name.orderbookPath) else {
            throw ReplayError(
                .unreadable, path: name.orderbookPath,
                message: "the orderbook file of \(messagePath) is missing: LOBSTER pairs every message file "
                    + "with the orderbook file of the same name with 'message' replaced by 'orderbook'")
        }
        let orderbookInput = try TextInput.open(name.orderbookPath, what: "orderbook file")
        messages = LineCursor(pipeline: ChunkPipeline(input: messageInput, threaded: prefetch))
        orderbook = LineCursor(pipeline: ChunkPipeline(input: orderbookInput, threaded: prefetch))
        pending = Self.allocateEvents(1)
        previousRow = .allocate(capacity: 4)
        currentRow = .allocate(capacity: 4)
        previousLine = .allocate(capacity: 256)
        previousStarts = .allocate(capacity: 4)
        currentStarts = .allocate(capacity: 4)
    }

    deinit {
        messages.pipeline.cancel()
        orderbook.pipeline.cancel()
        pending.deallocate()
        previousRow.deallocate()
        currentRow.deallocate()
        previousLine.deallocate()
        previousStarts.deallocate()
        currentStarts.deallocate()
    }

    public func next() throws -> TimedEvent? {
        if pendingIndex < pendingCount {
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }
        return try refill()
    }

    private func refill() throws -> TimedEvent? {
        if let failure { throw failure }
        if finished { return nil }
        do {
            while try readMessage() {
                if pendingCount > 0 {
                    pendingIndex = 1
                    return pending[0]
                }
            }
            finished = true
            return nil
        } catch {
            let replayError =
                error as? ReplayError
                ?? ReplayError(.unreadable, path: messagePath, line: messagesRead, message: "\(error)")
            failure = replayError
            messages.pipeline.cancel()
            orderbook.pipeline.cancel()
            throw replayError
        }
    }

    /// Reads one message and its orderbook row into `pending`; false at the end of both files.
    private func readMessage() throws -> Bool {
        guard try messages.advance() else {
            if try orderbook.advance() {
                throw ReplayError(
                    .invalidData, path: orderbookPath, line: orderbook.line,
                    message: "the orderbook file has more rows than the message file (\(messagesRead)); "
                        + "the two files of a pair must have one row per message")
            }
            if messagesRead == 0 {
                throw ReplayError(.invalidData, path: messagePath, message: "the message file has no rows")
            }
            return false
        }
        let parsed = try parseMessage()
        guard try orderbook.advance() else {
            throw ReplayError(
                .invalidData, path: orderbookPath, line: orderbook.line + 1,
                message: "the orderbook file ends after \(orderbook.line) rows but the message file goes on "
                    + "(line \(messages.line)); the two files of a pair must have one row per message")
        }
        if levels == 0 { try setUpLevels() }
        let rowStart = orderbook.position
        try parseRow()
        let (asks, bids) = try validateRow(start: rowStart)
        messagesRead += 1
        message = parsed
        buildEvents(time: Timestamp(nanos: parsed.time.nanos), trade: parsed.trade, asks: asks, bids: bids)
        swap(&previousRow, &currentRow)
        previousAsks = asks
        previousBids = bids
        return true
    }

    private func setUpLevels() throws {
        let columns = FieldScanner(at: orderbook.position).columnCount()
        guard columns % 4 == 0 else {
            throw ReplayError(
                .invalidData, path: orderbookPath, line: orderbook.line,
                message: "an orderbook row has 4 columns per level (ask price, ask size, bid price, bid size), "
                    + "found \(columns) columns")
        }
        levels = columns / 4
        pending.deallocate()
        previousRow.deallocate()
        currentRow.deallocate()
        previousStarts.deallocate()
        currentStarts.deallocate()
        pending = Self.allocateEvents(4 * levels + 2)
        previousRow = .allocate(capacity: columns)
        currentRow = .allocate(capacity: columns)
        previousStarts = .allocate(capacity: columns)
        currentStarts = .allocate(capacity: columns)
    }

    private static func allocateEvents(_ count: Int) -> UnsafeMutablePointer<TimedEvent> {
        let events = UnsafeMutablePointer<TimedEvent>.allocate(capacity: count)
        events.initialize(repeating: TimedEvent(time: Timestamp(nanos: 0), event: .bookReset), count: count)
        return events
    }
}
