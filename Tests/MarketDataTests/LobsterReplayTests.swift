import Foundation
import Testing

@testable import MarketData

/// The book after every message equals the orderbook file's row, and the trades match the messages,
/// on the real LOBSTER samples.
@Suite struct LobsterReplayTests {
    struct Tally: Equatable, CustomStringConvertible {
        var visibleBuy = 0
        var visibleSell = 0
        var hiddenBuy = 0
        var hiddenSell = 0
        var volume: Int64 = 0
        var description: String { "4:\(visibleBuy)/\(visibleSell) 5:\(hiddenBuy)/\(hiddenSell) vol \(volume)" }
    }

    struct Outcome {
        var rowsCompared = 0
        var firstMismatch: String?
        var events = 0
        var replayed = Tally()
        var expected = Tally()
    }

    /// Replays `messagePath` into an `OrderBook`, comparing the book at each batch end with the
    /// orderbook row of that message and every event's time with its message's time.
    static func replay(_ messagePath: String) throws -> Outcome {
        let reader = try LobsterReader(messagePath: messagePath)
        var oracle = LobsterOracle(
            messages: try TestFiles.contents(of: messagePath),
            orderbook: try TestFiles.contents(of: reader.orderbookPath))
        var outcome = Outcome()
        for message in oracle.messages {
            let buy = message.direction == -1
            switch message.type {
            case 4: if buy { outcome.expected.visibleBuy += 1 } else { outcome.expected.visibleSell += 1 }
            case 5: if buy { outcome.expected.hiddenBuy += 1 } else { outcome.expected.hiddenSell += 1 }
            default: continue
            }
            outcome.expected.volume += message.size
        }
        var book = OrderBook()
        var rowsRead = 0
        var row: (asks: [BookLevel], bids: [BookLevel])?
        while let event = try reader.next() {
            outcome.events += 1
            book.apply(event.event)
            let message = oracle.messages[reader.messagesRead - 1]
            if event.time.nanos != message.nanos, outcome.firstMismatch == nil {
                outcome.firstMismatch = "message \(reader.messagesRead): event time \(event.time.nanos) != \(message.nanos)"
            }
            if case .trade(let trade) = event.event {
                #expect(trade.price.raw == message.price && trade.size == message.size)
                switch (reader.message.type, trade.aggressor) {
                case (4, .buy): outcome.replayed.visibleBuy += 1
                case (4, .sell): outcome.replayed.visibleSell += 1
                case (5, .buy): outcome.replayed.hiddenBuy += 1
                case (5, .sell): outcome.replayed.hiddenSell += 1
                default: outcome.firstMismatch = outcome.firstMismatch ?? "unexpected trade \(trade)"
                }
                outcome.replayed.volume += trade.size
            }
            guard event.endsBatch else { continue }
            while rowsRead < reader.messagesRead {
                row = oracle.nextRow()
                rowsRead += 1
            }
            outcome.rowsCompared += 1
            if outcome.firstMismatch == nil, let row, row.asks != book.asks || row.bids != book.bids {
                outcome.firstMismatch =
                    "row \(rowsRead): book asks \(book.asks.prefix(3)) bids \(book.bids.prefix(3)) "
                    + "!= file asks \(row.asks.prefix(3)) bids \(row.bids.prefix(3))"
            }
        }
        #expect(reader.messagesRead == oracle.messages.count)
        return outcome
    }

    @Test func googLevel10SampleMatchesEveryRow() throws {
        let outcome = try Self.replay(TestFiles.sampleMessages)
        #expect(outcome.firstMismatch == nil, "\(outcome.firstMismatch ?? "")")
        #expect(outcome.rowsCompared == 147_916)
        #expect(outcome.events == 245_259)
        #expect(outcome.replayed == outcome.expected)
        // Counted with awk from the raw message file (type, direction).
        #expect(
            outcome.replayed
                == Tally(visibleBuy: 4030, visibleSell: 3735, hiddenBuy: 1778, hiddenSell: 2135, volume: 706_125))
    }

    static let sharedPairs: [(String, Int)] = [
        ("GOOG_2012-06-21_34200000_57600000_message_1.csv.gz", 49_482),
        ("GOOG_2012-06-21_34200000_57600000_message_5.csv.gz", 112_673),
        ("AMZN_2012-06-21_34200000_57600000_message_1.csv.gz", 57_515),
        ("AMZN_2012-06-21_34200000_57600000_message_5.csv.gz", 155_935),
        ("AAPL_2012-06-21_34200000_57600000_message_1.csv.gz", 118_497),
    ]

    @Test(
        "Shared LOBSTER pairs match every row",
        .enabled(if: TestFiles.sharedLobster(sharedPairs[0].0) != nil, "../shared/data/lobster is absent"),
        arguments: sharedPairs)
    func sharedPairMatchesEveryRow(name: String, rows: Int) throws {
        let path = try #require(TestFiles.sharedLobster(name))
        let outcome = try Self.replay(path)
        #expect(outcome.firstMismatch == nil, "\(outcome.firstMismatch ?? "")")
        #expect(outcome.rowsCompared == rows)
        #expect(outcome.replayed == outcome.expected)
    }
}
