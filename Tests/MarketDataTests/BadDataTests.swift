import Foundation
import Testing

@testable import MarketData

/// Data that used to replay in silence with exit 0 (#16 item 8): a LOBSTER pair of two different
/// sessions, a row beyond the session, a recording whose header names a day that never was.
@Suite struct BadDataTests {
    static let goog = "GOOG_2012-06-21_34200000_57600000_message_1.csv.gz"
    static let googBook = "GOOG_2012-06-21_34200000_57600000_orderbook_1.csv.gz"
    static let aaplBook = "AAPL_2012-06-21_34200000_57600000_orderbook_1.csv.gz"

    static func readAll(_ path: String) throws -> Int {
        let source = try ReplaySource.open(path: path)
        var count = 0
        while try source.next() != nil { count += 1 }
        return count
    }

    @Test func anAAPLOrderbookBesideGOOGMessagesIsRefusedAtTheFirstMismatch() throws {
        // The shared set is beside the repository; the bundled sample has only GOOG.
        guard let messages = TestFiles.sharedLobster(Self.goog), let book = TestFiles.sharedLobster(Self.aaplBook) else {
            return
        }
        let files = try TestFiles()
        defer { files.remove() }
        let messagePath = try files.write(Self.goog, Array(try Data(contentsOf: URL(fileURLWithPath: messages))))
        let bookPath = try files.write(Self.googBook, Array(try Data(contentsOf: URL(fileURLWithPath: book))))
        let error = try #require(throws: ReplayError.self) { try Self.readAll(messagePath) }
        #expect(error.kind == .invalidData)
        let expected: String =
            "\(bookPath):9: error: the orderbook does not follow the message file: message 9 is a submission "
                + "of 25 at 579.89 on the ask side, which changes the ask size there by +25, but this row goes from 0 "
                + "to 0 shares; the two files must be one LOBSTER pair (the same symbol, day and levels)"
        #expect("\(error)" == expected)
    }

    @Test func anOrderbookLinkedFromAnotherSymbolIsRefusedByName() throws {
        guard let messages = TestFiles.sharedLobster(Self.goog), let book = TestFiles.sharedLobster(Self.aaplBook) else {
            return
        }
        let files = try TestFiles()
        defer { files.remove() }
        let messagePath = try files.write(Self.goog, Array(try Data(contentsOf: URL(fileURLWithPath: messages))))
        let link = files.path(Self.googBook)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: book)
        let error = try #require(throws: ReplayError.self) { try Self.readAll(messagePath) }
        let real = LobsterReader.resolved(book)
        let expected: String =
            "\(link): error: this orderbook file is AAPL 2012-06-21 (\(real)) but the message file is GOOG "
                + "2012-06-21: the two files of a LOBSTER pair must be of the same symbol and day"
        #expect("\(error)" == expected)
    }

    @Test func aRowWhoseBookDoesNotMatchItsMessageIsRefused() throws {
        let files = try TestFiles()
        defer { files.remove() }
        var rows = LobsterReaderTests.rows
        // Message 2 executes 50 of the 100 at 101.00; this row says 70 were left.
        rows[1] = "1010000,70,1000000,100,1020000,200,990000,300"
        let path = try LobsterReaderTests.pair(files, rows: rows)
        let error = try #require(throws: ReplayError.self) { try LobsterReaderTests.readAll(path) }
        let expected: String =
            "\(files.path(LobsterReaderTests.orderbookName)):2: error: the orderbook does not follow the message "
                + "file: message 2 is an execution of 50 at 101.00 on the ask side, which changes the ask size there "
                + "by -50, but this row goes from 100 to 70 shares; the two files must be one LOBSTER pair (the same "
                + "symbol, day and levels)"
        #expect("\(error)" == expected)
    }

    @Test func levelsThatDisagreeWithTheNameAreRefused() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // The name says 2 levels; these rows have 1.
        let rows = ["1010000,100,1000000,100", "1010000,50,1000000,100", "1010000,50,1000000,100", "1010000,50,1000000,100"]
        let path = try LobsterReaderTests.pair(files, rows: rows)
        let error = try #require(throws: ReplayError.self) { try LobsterReaderTests.readAll(path) }
        let expected: String =
            "\(files.path(LobsterReaderTests.orderbookName)):1: error: the orderbook file has 1 level per side "
                + "(4 columns) but the message file's name says 2: the two files of a LOBSTER pair have the same levels"
        #expect("\(error)" == expected)
    }

    @Test func aTimeBeyondTheDayIsRefusedAtItsLine() throws {
        let files = try TestFiles()
        defer { files.remove() }
        var messages = LobsterReaderTests.messages
        messages[1] = "99999999,4,2,50,1010000,-1"
        let path = try LobsterReaderTests.pair(files, messages: messages)
        let error = try #require(throws: ReplayError.self) { try LobsterReaderTests.readAll(path) }
        let expected: String =
            "\(path):2:1: error: the time 99999999.000000000 is beyond the day: LOBSTER times are seconds "
                + "after midnight, 0 to 86400"
        #expect("\(error)" == expected)
    }

    @Test func aTimeOutsideTheNamesWindowIsRefusedAtItsLine() throws {
        let files = try TestFiles()
        defer { files.remove() }
        var messages = LobsterReaderTests.messages
        // 16:00:00.5, after the 57600000 ms the name ends at, but still a time of the day.
        messages[3] = "57600.5,5,0,10,1005000,1"
        let path = try LobsterReaderTests.pair(files, messages: messages)
        let error = try #require(throws: ReplayError.self) { try LobsterReaderTests.readAll(path) }
        let expected: String =
            "\(path):4:1: error: the time 57600.500000000 is outside the file's session window, "
                + "34200.000000000 to 57600.000000000 seconds after midnight (the START_END milliseconds of its name)"
        #expect("\(error)" == expected)
    }

    @Test func theRealSessionsReplayWithoutAFalseAlarm() throws {
        // Every pair of the shared set and the bundled sample: the pair check reads their first
        // 10,000 messages, and none may be refused.
        var paths = [TestFiles.sampleMessages]
        for name in [Self.goog, "AAPL_2012-06-21_34200000_57600000_message_1.csv.gz", "AMZN_2012-06-21_34200000_57600000_message_5.csv.gz"] {
            if let path = TestFiles.sharedLobster(name) { paths.append(path) }
        }
        for path in paths {
            let reader = try LobsterReader(messagePath: path)
            var count = 0
            while count < 60_000, try reader.next() != nil { count += 1 }
            #expect(reader.messagesRead > LobsterReader.checkedMessages, "\(path)")
        }
    }

    // MARK: Recording header dates

    /// A one-event recording whose header date is patched to `year`-`month`-`day`.
    static func recording(_ files: TestFiles, year: Int, month: UInt8, day: UInt8) throws -> String {
        let path = files.path("d.fsdr")
        let writer = try RecordingWriter(path: path, symbol: "TEST", sessionDate: SessionDate(year: 2012, month: 6, day: 21))
        try writer.append(TimedEvent(time: Timestamp(nanos: 34_200_000_000_000), event: .bookReset, endsBatch: true))
        try writer.close()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[16] = UInt8(year & 0xff)
        bytes[17] = UInt8(year >> 8)
        bytes[18] = month
        bytes[19] = day
        return try files.write("d.fsdr", reseal(bytes))
    }

    /// The header as a writer with a bad calendar would have sealed it (a damaged byte would fail
    /// the header's checksum first).
    static func reseal(_ bytes: [UInt8]) -> [UInt8] { RecordingBytes.reseal(bytes) }

    @Test(arguments: [(0, 6, 21, "0000-06-21"), (2012, 2, 31, "2012-02-31"), (2013, 2, 29, "2013-02-29"), (2012, 4, 31, "2012-04-31")])
    func aHeaderDateThatIsNoCalendarDayIsRefused(year: Int, month: UInt8, day: UInt8, text: String) throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try Self.recording(files, year: year, month: month, day: day)
        let error = try #require(throws: ReplayError.self) { try RecordingReader(path: path) }
        let expected: String =
            "\(path): error: the recording header's session date \(text) is not a calendar day (years 1 to 9999): "
                + "the header is damaged"
        #expect("\(error)" == expected)
    }

    @Test func aLeapDayIsADate() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try Self.recording(files, year: 2012, month: 2, day: 29)
        #expect(try RecordingReader(path: path).sessionDate == SessionDate(year: 2012, month: 2, day: 29))
        #expect(SessionDate(iso: "2012-02-31") == nil)
        #expect(SessionDate(iso: "0000-01-01") == nil)
        #expect(SessionDate(iso: "2000-02-29") != nil)
        #expect(SessionDate(iso: "1900-02-29") == nil)
    }
}
