// Parsing straight from the bytes of each line: no String per field, no split.
extension LobsterReader {
    static let messageColumns = ["time", "event type", "order id", "size", "price", "direction"]

    func parseMessage() throws -> LobsterMessage {
        var scanner = FieldScanner(at: messages.position)
        guard let time = scanner.nanos() else { throw messageFieldError(scanner) }
        guard scanner.skip(UInt8(ascii: ",")), let type = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let orderID = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let size = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let price = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let direction = scanner.integer(),
            scanner.skipLineEnd()
        else { throw messageFieldError(scanner) }
        let lineStart = messages.position
        messages.position = scanner.position
        if time < lastTime {
            throw ReplayError(
                .invalidData, path: messagePath, line: messages.line, column: 1,
                message: "time goes backwards: \(LobsterDiagnostics.seconds(time)) comes after \(LobsterDiagnostics.seconds(lastTime)) "
                    + "on the previous row; LOBSTER rows are in time order")
        }
        lastTime = time
        guard (1...7).contains(type) else {
            throw messageError(lineStart, field: 1, "unknown event type \(type); LOBSTER types are 1 to 7")
        }
        guard direction == 1 || direction == -1 else {
            throw messageError(lineStart, field: 5, "the direction is -1 (sell) or 1 (buy), found \(direction)")
        }
        guard size >= 0 else { throw messageError(lineStart, field: 3, "the size is negative (\(size))") }
        // Bounds that keep every sum of price × size downstream far from overflow.
        guard size <= MarketLimits.maximumSize else {
            throw messageError(lineStart, field: 3, "the size \(size) is above \(MarketLimits.maximumSize) shares")
        }
        guard price.magnitude <= MarketLimits.maximumPriceRaw else {
            throw messageError(lineStart, field: 4, "the price \(price) is beyond ±\(MarketLimits.maximumPriceRaw)")
        }
        if (4...6).contains(type) && (size == 0 || price <= 0) {
            throw messageError(
                lineStart, field: size == 0 ? 3 : 4,
                "an execution (type \(type)) needs a positive size and price, found size \(size) at price \(price)")
        }
        return LobsterMessage(
            time: Timestamp(nanos: time), type: Int(type), orderID: orderID, size: size,
            price: Price(raw: price), direction: Int(direction))
    }

    /// The trade first, then the diff of the previous row against the current one, asks then bids.
    @inline(__always)
    func buildEvents(time: Timestamp, trade: Trade?, row new: UnsafeMutablePointer<Int64>, asks: Int, bids: Int) {
        pendingCount = 0
        pendingIndex = 0
        if let trade {
            pending[0] = TimedEvent(time: time, event: .trade(trade), endsBatch: false)
            pendingCount = 1
        }
        let old = previousRow
        // Asks ascend: the lower price comes first in both rows.
        var i = 0
        var j = 0
        while i < previousAsks || j < asks {
            if j == asks || (i < previousAsks && old[4 &* i] < new[4 &* j]) {
                emit(time, .ask, old[4 &* i], 0, .delete)
                i &+= 1
            } else if i == previousAsks || new[4 &* j] < old[4 &* i] {
                emit(time, .ask, new[4 &* j], new[4 &* j &+ 1], .insert)
                j &+= 1
            } else {
                if old[4 &* i &+ 1] != new[4 &* j &+ 1] { emit(time, .ask, new[4 &* j], new[4 &* j &+ 1], .update) }
                i &+= 1
                j &+= 1
            }
        }
        // Bids descend: the higher price comes first.
        i = 0
        j = 0
        while i < previousBids || j < bids {
            if j == bids || (i < previousBids && old[4 &* i &+ 2] > new[4 &* j &+ 2]) {
                emit(time, .bid, old[4 &* i &+ 2], 0, .delete)
                i &+= 1
            } else if i == previousBids || new[4 &* j &+ 2] > old[4 &* i &+ 2] {
                emit(time, .bid, new[4 &* j &+ 2], new[4 &* j &+ 3], .insert)
                j &+= 1
            } else {
                if old[4 &* i &+ 3] != new[4 &* j &+ 3] {
                    emit(time, .bid, new[4 &* j &+ 2], new[4 &* j &+ 3], .update)
                }
                i &+= 1
                j &+= 1
            }
        }
        if pendingCount > 0 { pending[pendingCount - 1].endsBatch = true }
    }

    @inline(__always)
    private func emit(_ time: Timestamp, _ side: BookSide, _ price: Int64, _ size: Int64, _ operation: DepthOperation) {
        pending[pendingCount] = TimedEvent(
            time: time,
            event: .depth(DepthUpdate(side: side, price: Price(raw: price), size: size, operation: operation)),
            endsBatch: false)
        pendingCount &+= 1
    }

    // MARK: Errors (cold paths)

    private func messageFieldError(_ scanner: FieldScanner) -> ReplayError {
        LobsterDiagnostics.fieldError(scanner, path: messagePath, line: messages.line, expected: 6) { index in
            index == 0
                ? "expected the time in seconds after midnight (e.g. 34200.015105074) in column 1"
                : "expected an integer in column \(index + 1) (\(Self.messageColumns[index]))"
        }
    }

    private func messageError(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: messagePath, line: messages.line,
            column: LobsterDiagnostics.column(of: field, from: start),
            message: text)
    }
}
