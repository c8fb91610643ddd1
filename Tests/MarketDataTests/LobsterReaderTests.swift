import Testing

@testable import MarketData

/// Hand-made LOBSTER pairs: the exact events of each message, and every kind of bad input.
@Suite struct LobsterReaderTests {
    static let messageName = "TEST_2024-03-15_34200000_57600000_message_2.csv"
    static let orderbookName = "TEST_2024-03-15_34200000_57600000_orderbook_2.csv"

    static let messages = [
        "34200.000000001,1,1,100,1000000,1",
        "34200.5,4,2,50,1010000,-1",
        "34200.5,3,3,200,1020000,-1",
        "34201,5,0,10,1005000,1",
    ]
    // Per level: ask price, ask size, bid price, bid size.
    static let rows = [
        "1010000,100,1000000,100,1020000,200,990000,300",
        "1010000,50,1000000,100,1020000,200,990000,300",
        "1010000,50,1000000,100,1030000,400,990000,300",
        "1010000,50,1000000,100,1030000,400,990000,300",
    ]

    /// Writes the pair (with `messages`/`rows` replacing the defaults) and returns the message path.
    static func pair(_ files: TestFiles, messages: [String] = messages, rows: [String] = rows) throws -> String {
        try files.write(orderbookName, rows.joined(separator: "\n") + "\n")
        return try files.write(messageName, messages.joined(separator: "\n") + "\n")
    }

    static func readAll(_ path: String) throws -> [TimedEvent] {
        let reader = try LobsterReader(messagePath: path)
        var events: [TimedEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    static func depth(_ side: BookSide, _ cents: Int64, _ size: Int64, _ operation: DepthOperation) -> MarketEvent {
        .depth(DepthUpdate(side: side, price: Price(cents: cents), size: size, operation: operation))
    }

    @Test func emitsTradesThenTheRowDiffPerMessage() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try LobsterReader(messagePath: try Self.pair(files))
        #expect(reader.symbol == "TEST")
        #expect(reader.sessionDate == SessionDate(year: 2024, month: 3, day: 15))
        var events: [TimedEvent] = []
        while let event = try reader.next() { events.append(event) }
        #expect(reader.levels == 2)
        #expect(reader.messagesRead == 4)
        let first = Timestamp(nanos: 34_200_000_000_001)
        let second = Timestamp(nanos: 34_200_500_000_000)
        let last = Timestamp(nanos: 34_201_000_000_000)
        let expected: [TimedEvent] = [
            // Row 1 seeds the book.
            TimedEvent(time: first, event: Self.depth(.ask, 101_00, 100, .insert), endsBatch: false),
            TimedEvent(time: first, event: Self.depth(.ask, 102_00, 200, .insert), endsBatch: false),
            TimedEvent(time: first, event: Self.depth(.bid, 100_00, 100, .insert), endsBatch: false),
            TimedEvent(time: first, event: Self.depth(.bid, 99_00, 300, .insert), endsBatch: true),
            // A resting sell hit: a buyer-initiated trade, then the ask shrinks.
            TimedEvent(
                time: second, event: .trade(Trade(price: Price(cents: 101_00), size: 50, aggressor: .buy)),
                endsBatch: false),
            TimedEvent(time: second, event: Self.depth(.ask, 101_00, 50, .update), endsBatch: true),
            // A delete at 102.00 lets 103.00 scroll into the visible two levels.
            TimedEvent(time: second, event: Self.depth(.ask, 102_00, 0, .delete), endsBatch: false),
            TimedEvent(time: second, event: Self.depth(.ask, 103_00, 400, .insert), endsBatch: true),
            // A hidden execution against a buy order: seller-initiated, the book stays.
            TimedEvent(
                time: last, event: .trade(Trade(price: Price(cents: 100_50), size: 10, aggressor: .sell)),
                endsBatch: true),
        ]
        #expect(events == expected)
    }

    @Test func parsesTimesToExactNanoseconds() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try Self.pair(
            files,
            messages: [
                "34200.05990197,1,1,100,1000000,1", "34200.123456789,2,1,50,1000000,1",
                "34201.1000000005,2,1,10,1000000,1", "57599.999999999,2,1,10,1000000,1",
            ],
            rows: [
                "1010000,100,1000000,100,1020000,200,990000,300", "1010000,100,1000000,50,1020000,200,990000,300",
                "1010000,100,1000000,40,1020000,200,990000,300", "1010000,100,1000000,30,1020000,200,990000,300",
            ])
        let times = try Self.readAll(path).filter(\.endsBatch).map(\.time.nanos)
        // Beyond nine decimals (float noise in the AMZN sample) rounds to the nearest nanosecond.
        #expect(times == [34_200_059_901_970, 34_200_123_456_789, 34_201_100_000_001, 57_599_999_999_999])
    }

    @Test func readsGzipWithSeveralMembers() throws {
        let files = try TestFiles()
        defer { files.remove() }
        try files.write(Self.orderbookName, Self.rows.joined(separator: "\n") + "\n")
        let firstHalf = Self.messages[0...1].joined(separator: "\n") + "\n"
        let secondHalf = Self.messages[2...3].joined(separator: "\n")  // no final newline
        let gzipPath = try files.write(
            Self.messageName + ".gz",
            TestFiles.gzip(Array(firstHalf.utf8)) + TestFiles.gzip(Array(secondHalf.utf8)))
        try files.write(
            Self.orderbookName + ".gz", TestFiles.gzip(Array((Self.rows.joined(separator: "\n") + "\n").utf8)))
        let plain = try Self.readAll(try Self.pair(files))
        #expect(try Self.readAll(gzipPath) == plain)
        #expect(plain.count == 9)
    }

    // MARK: Bad input: every error names the file and line

    func error(messages: [String] = messages, rows: [String] = rows) throws -> (String, String, String) {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try Self.pair(files, messages: messages, rows: rows)
        let error = try #require(throws: ReplayError.self) { try Self.readAll(path) }
        return ("\(error)", path, files.path(Self.orderbookName))
    }

    @Test func nonNumericField() throws {
        var messages = Self.messages
        messages[1] = "34200.5,4,x2,50,1010000,-1"
        let (text, path, _) = try error(messages: messages)
        #expect(text == "\(path):2:11: error: expected an integer in column 3 (order id), found 'x2'")
        var rows = Self.rows
        rows[2] = "1010000,50,1000000,1OO,1030000,400,990000,300"
        let (rowText, _, orderbook) = try error(rows: rows)
        #expect(rowText == "\(orderbook):3:20: error: expected an integer in column 4 (bid size 1), found '1OO'")
    }

    @Test func wrongColumnCount() throws {
        var messages = Self.messages
        messages[2] = "34200.5,3,3,200,1020000"
        let (text, path, _) = try error(messages: messages)
        #expect(text == "\(path):3: error: a message row has 6 columns, found 5")
        var rows = Self.rows
        rows[1] = "1010000,50,1000000,100,1020000,200,990000"
        let (rowText, _, orderbook) = try error(rows: rows)
        #expect(rowText == "\(orderbook):2: error: this orderbook file has 8 columns per row, found 7")
    }

    @Test func mismatchedRowCounts() throws {
        let (short, _, orderbook) = try error(rows: Array(Self.rows.prefix(3)))
        #expect(
            short
                == "\(orderbook):4: error: the orderbook file ends after 3 rows but the message file goes on "
                + "(line 4); the two files of a pair must have one row per message")
        let (long, _, longOrderbook) = try error(rows: Self.rows + [Self.rows[3]])
        #expect(
            long
                == "\(longOrderbook):5: error: the orderbook file has more rows than the message file (4); "
                + "the two files of a pair must have one row per message")
    }

    @Test func timeGoingBackwards() throws {
        var messages = Self.messages
        messages[2] = "34200.4,3,3,200,1020000,-1"
        let (text, path, _) = try error(messages: messages)
        #expect(
            text
                == "\(path):3:1: error: time goes backwards: 34200.400000000 comes after 34200.500000000 "
                + "on the previous row; LOBSTER rows are in time order")
    }

    @Test func badTimeAndType() throws {
        var messages = Self.messages
        messages[1] = "34200.5.1,4,2,50,1010000,-1"
        let (time, path, _) = try error(messages: messages)
        #expect(
            time
                == "\(path):2:1: error: expected the time in seconds after midnight (e.g. 34200.015105074) "
                + "in column 1, found '34200.5.1'")
        messages[1] = "34200.5,9,2,50,1010000,-1"
        let (type, typePath, _) = try error(messages: messages)
        #expect(type == "\(typePath):2:9: error: unknown event type 9; LOBSTER types are 1 to 7")
    }

    @Test func sizesAndPricesBeyondTheLimits() throws {
        var messages = Self.messages
        messages[0] = "34200.000000001,1,1,1000000000,1000000,1"
        let (size, path, _) = try error(messages: messages)
        #expect(size == "\(path):1:21: error: the size 1000000000 is above 999999999 shares")
        var rows = Self.rows
        rows[0] = "1010000,100,1000000,100,10000000000,200,990000,300"
        let (price, _, orderbook) = try error(rows: rows)
        #expect(price == "\(orderbook):1:25: error: ask level 2 has a price above 9999999999 (10000000000)")
    }

    @Test func crossedBookRow() throws {
        var rows = Self.rows
        rows[1] = "1010000,50,1010000,100,1020000,200,990000,300"
        let (text, _, orderbook) = try error(rows: rows)
        #expect(text == "\(orderbook):2:12: error: crossed book: the best bid 101.00 is at or above the best ask 101.00")
        rows[1] = "1010000,50,1000000,100,1005000,200,990000,300"
        let (order, _, orderOrderbook) = try error(rows: rows)
        #expect(
            order
                == "\(orderOrderbook):2:24: error: ask prices must rise level by level, but level 2 (100.50) "
                + "is not above level 1 (101.00)")
    }

    @Test func missingOrderbookFile() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write(Self.messageName, Self.messages.joined(separator: "\n"))
        let error = try #require(throws: ReplayError.self) { try LobsterReader(messagePath: path) }
        #expect(
            "\(error)"
                == "\(files.path(Self.orderbookName)): error: the orderbook file of \(path) is missing: LOBSTER "
                + "pairs every message file with the orderbook file of the same name with 'message' replaced by "
                + "'orderbook'")
        #expect(error.kind == .unreadable)
    }

    @Test func truncatedGzip() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // Plain text under a .gz name: gzip is recognised by its content.
        try files.write(Self.orderbookName + ".gz", Self.rows.joined(separator: "\n") + "\n")
        let whole = TestFiles.gzip(Array((Self.messages.joined(separator: "\n") + "\n").utf8))
        // Cut inside the gzip trailer: every line inflates, the stream never ends.
        let path = try files.write(Self.messageName + ".gz", Array(whole.dropLast(4)))
        let reader = try LobsterReader(messagePath: path)
        var events = 0
        let error = try #require(throws: ReplayError.self) {
            while try reader.next() != nil { events += 1 }
        }
        #expect(events == 9)
        #expect(
            "\(error)"
                == "\(path):5: error: the gzip data is truncated: the file ends after \(whole.count - 4) bytes, "
                + "inside a compressed stream (was the download or copy cut short?)")
        #expect(error.kind == .invalidData)
        // The error sticks: a caller that retries does not read past the damage.
        #expect(throws: ReplayError.self) { try reader.next() }
    }

    @Test func unknownFormat() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write("prices.csv", "1,2,3\n")
        let error = try #require(throws: ReplayError.self) { try ReplaySource.open(path: path) }
        #expect(
            "\(error)"
                == "\(path): error: unknown replay format: expected a LOBSTER message file (e.g. "
                + "GOOG_2012-06-21_34200000_57600000_message_10.csv.gz) or an FSDTrader recording (.fsdr)")
    }
}
