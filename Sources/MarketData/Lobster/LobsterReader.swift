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
    let messages: Prefetcher<MessageRows>
    @exclusivity(unchecked) var messageBlock: MessageBlock?
    @exclusivity(unchecked) var messageIndex = 0
    let orderbook: Prefetcher<OrderbookRows>
    @exclusivity(unchecked) var rows: RowBlock?
    @exclusivity(unchecked) var rowIndex = 0
    /// Orderbook rows replayed so far.
    @exclusivity(unchecked) var rowsRead = 0
    @exclusivity(unchecked) var pending: UnsafeMutablePointer<TimedEvent>
    @exclusivity(unchecked) var pendingCount = 0
    @exclusivity(unchecked) var pendingIndex = 0
    /// The previous row's values: in the current block, or in `savedRow` when that row was the
    /// last of the previous block (which the parsing thread refills once the next is asked for).
    @exclusivity(unchecked) var previousRow: UnsafePointer<Int64>
    @exclusivity(unchecked) var savedRow: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) var previousAsks = 0
    @exclusivity(unchecked) var previousBids = 0
    @exclusivity(unchecked) private var failure: ReplayError?
    @exclusivity(unchecked) private var finished = false
    /// Levels per side the message file's name gives (`_message_10`), checked against the orderbook's.
    let namedLevels: Int?

    /// Opens `messagePath` and the orderbook file beside it.
    /// - Parameter prefetch: inflate both files and parse the orderbook rows on background threads.
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
        try Self.checkPairNames(messagePath: messagePath, orderbookPath: name.orderbookPath)
        namedLevels = name.levels
        let messageSource = MessageRows(input: messageInput, threaded: prefetch, window: name.window)
        // Message rows are cheap to parse: doing it here saves a thread and a handoff per block,
        // which measured faster on two cores than parsing them ahead.
        messages = Prefetcher(source: messageSource, threaded: false)
        self.messageSource = messageSource
        let rowSource = OrderbookRows(input: orderbookInput, threaded: prefetch)
        orderbook = Prefetcher(source: rowSource, threaded: prefetch)
        self.rowSource = rowSource
        pending = Self.allocateEvents(1)
        savedRow = .allocate(capacity: 4)
        savedRow.initialize(repeating: 0, count: 4)
        previousRow = UnsafePointer(savedRow)
    }

    /// Kept to stop their inflating threads; otherwise the row source is used by the orderbook's
    /// prefetch thread and the message source by this reader's `next()`.
    private let rowSource: OrderbookRows
    private let messageSource: MessageRows

    deinit {
        stopThreads()
        pending.deallocate()
        savedRow.deallocate()
    }

    private func stopThreads() {
        messages.cancel()
        messageSource.cancel()
        orderbook.cancel()
        rowSource.cancel()
    }

    public func next() throws -> TimedEvent? {
        if pendingIndex < pendingCount {
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }
        return try refill()
    }

    /// Copies whole messages' events into `buffer` without a call per event; see `EventReader`.
    public func read(into buffer: UnsafeMutableBufferPointer<TimedEvent>) throws -> Int {
        guard let out = buffer.baseAddress else { return 0 }
        var written = 0
        while written < buffer.count {
            if pendingIndex < pendingCount {
                let taken = min(pendingCount &- pendingIndex, buffer.count &- written)
                (out + written).initialize(from: pending + pendingIndex, count: taken)
                pendingIndex &+= taken
                written &+= taken
                continue
            }
            do {
                guard let first = try refill() else { break }
                (out + written).initialize(to: first)
                written &+= 1
            } catch where written > 0 {
                // `refill` keeps the error and throws it on the next call.
                break
            }
        }
        return written
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
            stopThreads()
            throw replayError
        }
    }

    /// Reads one message and its orderbook row into `pending`; false at the end of both files.
    private func readMessage() throws -> Bool {
        guard let parsed = try nextMessage() else {
            if try nextRow() != nil {
                throw ReplayError(
                    .invalidData, path: orderbookPath, line: rowsRead,
                    message: "the orderbook file has more rows than the message file (\(messagesRead)); "
                        + "the two files of a pair must have one row per message")
            }
            if messagesRead == 0 {
                throw ReplayError(.invalidData, path: messagePath, message: "the message file has no rows")
            }
            return false
        }
        guard let row = try nextRow() else {
            throw ReplayError(
                .invalidData, path: orderbookPath, line: rowsRead + 1,
                message: "the orderbook file ends after \(rowsRead) rows but the message file goes on "
                    + "(line \(messagesRead + 1)); the two files of a pair must have one row per message")
        }
        if levels == 0 {
            try setUpLevels(stride: rows?.stride ?? 4 + RowBlock.trailerCount)
            try checkNamedLevels()
        }
        let columns = 4 &* levels
        let asks = Int(row[columns])
        let bids = Int(row[columns &+ 1])
        messagesRead &+= 1
        if messagesRead <= Self.checkedMessages && messagesRead > 1 {
            try checkPair(parsed, row: row, asks: asks, bids: bids)
        }
        message = parsed
        // Levels outside the changed columns are equal in both rows, on both sides.
        let firstLevel = Int(row[columns &+ 2]) >> 2
        let endLevel = (Int(row[columns &+ 3]) &+ 3) >> 2
        buildEvents(
            time: parsed.time, trade: parsed.trade, row: row, asks: asks, bids: bids, levels: firstLevel..<endLevel)
        previousRow = UnsafePointer(row)
        previousAsks = asks
        previousBids = bids
        return true
    }

    /// The next checked message.
    @inline(__always)
    private func nextMessage() throws -> LobsterMessage? {
        if let block = messageBlock, messageIndex < block.count {
            defer { messageIndex &+= 1 }
            return block.messages[messageIndex]
        }
        if let failure = messageBlock?.failure { throw failure }
        guard let block = try messages.next() else {
            messageBlock = nil
            return nil
        }
        messageBlock = block
        messageIndex = 1
        return block.messages[0]
    }

    /// The next checked orderbook row: 4 × L values, then its ask and bid level counts.
    @inline(__always)
    private func nextRow() throws -> UnsafeMutablePointer<Int64>? {
        if let block = rows, rowIndex < block.count {
            defer { rowIndex &+= 1 }
            rowsRead &+= 1
            return block.values + rowIndex &* block.stride
        }
        if let failure = rows?.failure { throw failure }
        if rows != nil && previousRow != UnsafePointer(savedRow) {
            // `previousRow` is the last row of the block about to be handed back.
            savedRow.update(from: previousRow, count: 4 &* levels)
            previousRow = UnsafePointer(savedRow)
        }
        guard let block = try orderbook.next() else {
            rows = nil
            return nil
        }
        rows = block
        rowIndex = 1
        rowsRead &+= 1
        return block.values
    }

    private func setUpLevels(stride: Int) throws {
        levels = (stride - RowBlock.trailerCount) / 4
        pending.deallocate()
        savedRow.deallocate()
        pending = Self.allocateEvents(4 * levels + 2)
        // The first row is diffed against an empty book: no occupied levels.
        savedRow = .allocate(capacity: 4 * levels)
        savedRow.initialize(repeating: 0, count: 4 * levels)
        previousRow = UnsafePointer(savedRow)
    }

    private static func allocateEvents(_ count: Int) -> UnsafeMutablePointer<TimedEvent> {
        let events = UnsafeMutablePointer<TimedEvent>.allocate(capacity: count)
        events.initialize(repeating: TimedEvent(time: Timestamp(nanos: 0), event: .bookReset), count: count)
        return events
    }
}
