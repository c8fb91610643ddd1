#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// That the message file and the orderbook file are one LOBSTER pair. The orderbook path is derived
// from the message file's name, so a wrong pair is a file copied or linked under the right name
// (AAPL's book beside GOOG's messages): it replayed as a book that the trades never touched, with
// exit 0 — until the row counts disagreed at the end of the day, if the run got that far.
extension LobsterReader {
    /// Messages whose book change is checked against their orderbook row: enough to catch any
    /// other file within the first second of a session, cheap enough never to show in a replay.
    static let checkedMessages = 10_000

    /// Files reached through links must still name the same symbol and day.
    static func checkPairNames(messagePath: String, orderbookPath: String) throws {
        guard let message = LobsterFileName.parts(of: resolved(messagePath)),
            let orderbook = LobsterFileName.parts(of: resolved(orderbookPath))
        else { return }
        guard message == orderbook else {
            throw ReplayError(
                .invalidData, path: orderbookPath,
                message: "this orderbook file is \(orderbook.symbol) \(orderbook.date) (\(resolved(orderbookPath))) but the "
                    + "message file is \(message.symbol) \(message.date): the two files of a LOBSTER pair must be of "
                    + "the same symbol and day")
        }
    }

    /// The levels of the name (`_message_10`) against the orderbook file's columns.
    func checkNamedLevels() throws {
        guard let namedLevels, namedLevels != levels else { return }
        throw ReplayError(
            .invalidData, path: orderbookPath, line: 1,
            message: "the orderbook file has \(levels) level\(levels == 1 ? "" : "s") per side (\(4 * levels) columns) "
                + "but the message file's name says \(namedLevels): the two files of a LOBSTER pair have the same levels")
    }

    /// A visible submission (type 1) adds its size at its price and side; a cancel, a delete and a
    /// visible execution (2, 3, 4) take it away. Where both rows show the price (inside their
    /// visible levels), the orderbook must change by exactly that much.
    @inline(__always)
    func checkPair(_ message: LobsterMessage, row: UnsafeMutablePointer<Int64>, asks: Int, bids: Int) throws {
        let change: Int64
        switch message.type {
        case 1: change = message.size
        case 2, 3, 4: change = -message.size
        default: return
        }
        // The direction is the resting order's side: 1 a buy order (bid), -1 a sell order (ask).
        let ask = message.direction == -1
        let price = message.price.raw
        guard
            let before = Self.size(
                at: price, ask: ask, row: previousRow, occupied: ask ? previousAsks : previousBids, levels: levels),
            let after = Self.size(at: price, ask: ask, row: UnsafePointer(row), occupied: ask ? asks : bids, levels: levels)
        else { return }
        guard after &- before != change else { return }
        let side = ask ? "ask" : "bid"
        let what = ["", "a submission", "a cancellation", "a deletion", "an execution"][message.type]
        throw ReplayError(
            .invalidData, path: orderbookPath, line: messagesRead,
            message: "the orderbook does not follow the message file: message \(messagesRead) is \(what) of "
                + "\(message.size) at \(message.price.display) on the \(side) side, which changes the \(side) size "
                + "there by \(change > 0 ? "+" : "")\(change), but this row goes from \(before) to \(after) shares; "
                + "the two files must be one LOBSTER pair (the same symbol, day and levels)")
    }

    /// The size at `price` on one side of a row: 0 where the row shows the price has no shares, nil
    /// where the row cannot tell (all its levels occupied and the price beyond the last).
    @inline(__always)
    static func size(at price: Int64, ask: Bool, row: UnsafePointer<Int64>, occupied: Int, levels: Int) -> Int64? {
        let offset = ask ? 0 : 2
        for level in 0..<occupied where row[4 &* level &+ offset] == price {
            return row[4 &* level &+ offset &+ 1]
        }
        guard occupied == levels, occupied > 0 else { return 0 }
        let worst = row[4 &* (occupied &- 1) &+ offset]
        return (ask ? price < worst : price > worst) ? 0 : nil
    }

    /// The path with links followed, or the path itself when it cannot be resolved.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
