import Foundation
import TestSupport
import Testing

@testable import MarketData

/// Random books, row after row, through the reader's fast paths (only the changed fields parsed,
/// only the changed levels checked and diffed, rows and lines kept across block and chunk
/// boundaries): every message's book must come out exactly, and a row broken anywhere must be
/// reported at its own line.
@Suite struct LobsterRandomRowsTests {
    static let levels = 3
    static let messageName = "RAND_2024-03-15_34200000_57600000_message_3.csv"
    static let orderbookName = "RAND_2024-03-15_34200000_57600000_orderbook_3.csv"

    /// A side as (price, size) pairs, best first; prices in cents around $100.
    struct Book: Equatable {
        var asks: [BookLevel] = []
        var bids: [BookLevel] = []
    }

    /// One random change: a size, a new level or a removed one, on either side.
    static func step(_ book: inout Book, _ random: inout SplitMix64) {
        let askSide = random.below(2) == 0
        var levels = askSide ? book.asks : book.bids
        let size = Int64([1, 9, 10, 99, 100, 999, 1_000, 12_345][random.below(8)]) + Int64(random.below(3))
        switch random.below(3) {
        case 0 where !levels.isEmpty:
            levels[random.below(levels.count)].size = size
        case 1 where levels.count > 1:
            levels.remove(at: random.below(levels.count))
        default:
            // Asks from $100.01 up, bids from $100.00 down, so the book never crosses.
            let ticks = Int64(random.below(8))
            let cents = askSide ? 100_01 + ticks : 100_00 - ticks
            let price = Price(cents: cents)
            if let index = levels.firstIndex(where: { $0.price == price }) {
                levels[index].size = size
            } else {
                levels.append(BookLevel(price: price, size: size))
                levels.sort { askSide ? $0.price < $1.price : $0.price > $1.price }
            }
        }
        if askSide { book.asks = levels } else { book.bids = levels }
    }

    /// The book as LOBSTER writes it: the best `levels` per side, empty ones padded.
    static func row(_ book: Book) -> [Int64] {
        var values: [Int64] = []
        for level in 0..<levels {
            let ask = level < book.asks.count ? book.asks[level] : nil
            let bid = level < book.bids.count ? book.bids[level] : nil
            values += [ask?.price.raw ?? 9_999_999_999, ask?.size ?? 0, bid?.price.raw ?? -9_999_999_999, bid?.size ?? 0]
        }
        return values
    }

    /// The visible book of a row.
    static func visible(_ book: Book) -> Book {
        Book(asks: Array(book.asks.prefix(levels)), bids: Array(book.bids.prefix(levels)))
    }

    static func write(_ files: TestFiles, rows: [String], lineEnd: String = "\n") throws -> String {
        // Type 7 messages claim no book change, so the rows alone say what the book is (a type 1
        // submission would have to match them: the reader checks that a pair belongs together).
        let messages = rows.indices.map { "\(34_200 + $0 / 1000).\(String(format: "%03d", $0 % 1000)),7,\($0),1,1000000,1" }
        try files.write(orderbookName, rows.joined(separator: lineEnd) + lineEnd)
        return try files.write(messageName, messages.joined(separator: lineEnd) + lineEnd)
    }

    /// Files saved on Windows end their lines with CR LF; the last case reads those.
    @Test(arguments: [(1 as UInt64, 300, "\n"), (2, 3_000, "\n"), (3, 9_000, "\n"), (4, 9_000, "\r\n")])
    func everyBookComesOutExactly(seed: UInt64, count: Int, lineEnd: String) throws {
        var random = SplitMix64(seed: seed)
        var book = Book()
        var expected: [Book] = []
        var rows: [String] = []
        for _ in 0..<count {
            Self.step(&book, &random)
            expected.append(Self.visible(book))
            rows.append(Self.row(book).map(String.init).joined(separator: ","))
        }
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try LobsterReader(messagePath: try Self.write(files, rows: rows, lineEnd: lineEnd))
        var applied = OrderBook()
        var message = 0
        var mismatches = 0
        var pendingTime: Timestamp?
        func check(upTo time: Timestamp?) {
            // Messages without events leave the book as it was.
            while message < expected.count, time.map({ Timestamp(nanos: 34_200_000_000_000 + Int64(message) * 1_000_000) < $0 }) ?? true {
                if applied.asks != expected[message].asks || applied.bids != expected[message].bids { mismatches += 1 }
                message += 1
            }
        }
        while let event = try reader.next() {
            if event.time != pendingTime {
                check(upTo: event.time)
                pendingTime = event.time
            }
            applied.apply(event.event)
        }
        check(upTo: nil)
        #expect(message == count)
        #expect(mismatches == 0)
    }

    static let breakageNames = [
        "a gap", "asks out of order", "bids out of order", "a crossed book", "a negative size",
        "a price beyond the limit",
    ]

    /// Breaks a row so that only the level checks can tell.
    static func breakRow(_ values: inout [Int64], _ breakage: Int) {
        switch breakage {
        case 0:
            values[1] = 0
            values[5] = max(values[5], 7)
            values[4] = 1_000_300
        case 1:
            (values[1], values[5], values[0], values[4]) = (5, 5, 1_000_500, 1_000_400)
        case 2:
            (values[3], values[7], values[2], values[6]) = (5, 5, 990_000, 995_000)
        case 3:
            (values[1], values[3], values[2]) = (5, 5, values[0])
        case 4:
            values[5] = -3
        default:
            (values[9], values[8]) = (4, 10_000_000_000)
        }
    }

    @Test(arguments: 0..<6)
    func aBrokenRowIsReportedAtItsLine(breakage: Int) throws {
        var random = SplitMix64(seed: 100 + UInt64(breakage))
        var book = Book()
        var rows: [String] = []
        let broken = 2_500 + random.below(100)
        for index in 0..<3_000 {
            Self.step(&book, &random)
            var values = Self.row(book)
            if index == broken { Self.breakRow(&values, breakage) }
            rows.append(values.map(String.init).joined(separator: ","))
        }
        let files = try TestFiles()
        defer { files.remove() }
        let path = try Self.write(files, rows: rows)
        let error = try #require(throws: ReplayError.self, "\(Self.breakageNames[breakage])") {
            let reader = try LobsterReader(messagePath: path)
            while try reader.next() != nil {}
        }
        #expect(error.path == files.path(Self.orderbookName))
        #expect(error.line == broken + 1, "\(Self.breakageNames[breakage]): \(error)")
    }
}
