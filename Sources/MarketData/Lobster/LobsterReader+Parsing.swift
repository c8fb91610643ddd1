#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
                message: "time goes backwards: \(Self.seconds(time)) comes after \(Self.seconds(lastTime)) "
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
        if (4...6).contains(type) && (size == 0 || price <= 0) {
            throw messageError(
                lineStart, field: size == 0 ? 3 : 4,
                "an execution (type \(type)) needs a positive size and price, found size \(size) at price \(price)")
        }
        return LobsterMessage(
            time: Timestamp(nanos: time), type: Int(type), orderID: orderID, size: size,
            price: Price(raw: price), direction: Int(direction))
    }

    /// Parses the orderbook line at the cursor into `currentRow`.
    func parseRow() throws {
        let start = orderbook.position
        let newline = start + Self.distanceToNewline(start, orderbook.end)
        var length = newline - start
        if length > 0 && (newline - 1).pointee == UInt8(ascii: "\r") { length -= 1 }
        if previousLineLength < 0 || !parseChangedFields(start, length) {
            try parseWholeRow(start)
        }
        swap(&previousStarts, &currentStarts)
        if length > previousLineCapacity {
            previousLine.deallocate()
            previousLineCapacity = length * 2
            previousLine = .allocate(capacity: previousLineCapacity)
        }
        previousLine.update(from: start, count: length)
        previousLineLength = length
        orderbook.position = newline + 1
    }

    private func parseWholeRow(_ start: UnsafePointer<UInt8>) throws {
        var scanner = FieldScanner(at: start)
        let columns = 4 &* levels
        let row = currentRow
        let starts = currentStarts
        var index = 0
        while true {
            starts[index] = scanner.position - start
            guard let value = scanner.integer() else { throw rowFieldError(scanner) }
            row[index] = value
            index &+= 1
            if index == columns { break }
            guard scanner.skip(UInt8(ascii: ",")) else { throw rowFieldError(scanner) }
        }
        guard scanner.skipLineEnd() else { throw rowFieldError(scanner) }
    }

    /// Parses only the fields that differ from the previous line: the bytes of a common prefix and
    /// a common suffix hold the same fields with the same values. False when the line needs a
    /// whole parse (which also reports any error precisely).
    @inline(__always)
    private func parseChangedFields(_ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let old = UnsafePointer(previousLine)
        let oldLength = previousLineLength
        let shortest = min(length, oldLength)
        var prefix = 0
        while prefix &+ 8 <= shortest {
            let difference =
                UnsafeRawPointer(start + prefix).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(old + prefix).loadUnaligned(as: UInt64.self)
            if difference != 0 {
                prefix &+= UInt64(littleEndian: difference).trailingZeroBitCount >> 3
                break
            }
            prefix &+= 8
        }
        if prefix &+ 8 > shortest {
            while prefix < shortest && start[prefix] == old[prefix] { prefix &+= 1 }
        }
        let columns = 4 &* levels
        let row = currentRow
        let previous = previousRow
        let starts = currentStarts
        let oldStarts = previousStarts
        if prefix == shortest && length == oldLength {
            row.update(from: previous, count: columns)
            starts.update(from: oldStarts, count: columns)
            return true
        }
        // The suffix may not reach into the prefix.
        let longestSuffix = shortest &- prefix
        var suffix = 0
        while suffix &+ 8 <= longestSuffix {
            let difference =
                UnsafeRawPointer(start + (length &- suffix &- 8)).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(old + (oldLength &- suffix &- 8)).loadUnaligned(as: UInt64.self)
            if difference != 0 {
                suffix &+= UInt64(littleEndian: difference).leadingZeroBitCount >> 3
                break
            }
            suffix &+= 8
        }
        if suffix &+ 8 > longestSuffix {
            while suffix < longestSuffix && start[length &- 1 &- suffix] == old[oldLength &- 1 &- suffix] {
                suffix &+= 1
            }
        }
        // First changed field: the last one starting at or before the first differing byte.
        var first = 0
        while first &+ 1 < columns && oldStarts[first &+ 1] <= prefix { first &+= 1 }
        // First unchanged trailing field: the first whose separating comma lies in the common suffix.
        var last = first &+ 1
        let suffixStart = oldLength &- suffix
        while last < columns && oldStarts[last] &- 1 < suffixStart { last &+= 1 }
        let shift = length &- oldLength
        var scanner = FieldScanner(at: start + oldStarts[first])
        var index = first
        while index < last {
            starts[index] = scanner.position - start
            guard let value = scanner.integer() else { return false }
            row[index] = value
            index &+= 1
            if index < columns {
                guard scanner.skip(UInt8(ascii: ",")) else { return false }
            }
        }
        if last < columns {
            guard scanner.position - start == oldStarts[last] &+ shift else { return false }
        } else {
            guard scanner.position - start == length else { return false }
        }
        if first > 0 {
            row.update(from: previous, count: first)
            starts.update(from: oldStarts, count: first)
        }
        index = last
        while index < columns {
            row[index] = previous[index]
            starts[index] = oldStarts[index] &+ shift
            index &+= 1
        }
        return true
    }

    /// Bytes from `start` to the newline that ends every line of a chunk.
    @inline(__always)
    private static func distanceToNewline(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        guard let found = memchr(start, Int32(UInt8(ascii: "\n")), end - start) else { return end - start }
        return UnsafeRawPointer(found) - UnsafeRawPointer(start)
    }

    /// Checks the row the way the book needs it and returns the occupied levels per side.
    /// Empty levels (size 0; LOBSTER pads them with prices ±9999999999) may only follow occupied ones.
    func validateRow(start: UnsafePointer<UInt8>) throws -> (asks: Int, bids: Int) {
        let row = currentRow
        var asks = 0
        var bids = 0
        for level in 0..<levels {
            let askPrice = row[4 &* level]
            let askSize = row[4 &* level &+ 1]
            if askSize != 0 {
                guard asks == level, askSize > 0, askPrice > 0 else {
                    throw rowLevelError(start, field: 4 &* level, level: level, side: "ask", asks == level)
                }
                if level > 0 && askPrice <= row[4 &* (level &- 1)] {
                    throw rowError(
                        start, field: 4 &* level,
                        "ask prices must rise level by level, but level \(level + 1) (\(Price(raw: askPrice))) "
                            + "is not above level \(level) (\(Price(raw: row[4 &* (level &- 1)])))")
                }
                asks &+= 1
            }
            let bidPrice = row[4 &* level &+ 2]
            let bidSize = row[4 &* level &+ 3]
            if bidSize != 0 {
                guard bids == level, bidSize > 0, bidPrice > 0 else {
                    throw rowLevelError(start, field: 4 &* level + 2, level: level, side: "bid", bids == level)
                }
                if level > 0 && bidPrice >= row[4 &* (level &- 1) &+ 2] {
                    throw rowError(
                        start, field: 4 &* level + 2,
                        "bid prices must fall level by level, but level \(level + 1) (\(Price(raw: bidPrice))) "
                            + "is not below level \(level) (\(Price(raw: row[4 &* (level &- 1) &+ 2])))")
                }
                bids &+= 1
            }
        }
        if asks > 0 && bids > 0 && row[2] >= row[0] {
            throw rowError(
                start, field: 2,
                "crossed book: the best bid \(Price(raw: row[2])) is at or above the best ask \(Price(raw: row[0]))")
        }
        return (asks, bids)
    }

    /// The trade first, then the diff of the previous row against the current one, asks then bids.
    @inline(__always)
    func buildEvents(time: Timestamp, trade: Trade?, asks: Int, bids: Int) {
        pendingCount = 0
        pendingIndex = 0
        if let trade {
            pending[0] = TimedEvent(time: time, event: .trade(trade), endsBatch: false)
            pendingCount = 1
        }
        let old = previousRow
        let new = currentRow
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
        fieldError(scanner, path: messagePath, line: messages.line, expected: 6) { index in
            index == 0
                ? "expected the time in seconds after midnight (e.g. 34200.015105074) in column 1"
                : "expected an integer in column \(index + 1) (\(Self.messageColumns[index]))"
        }
    }

    private func rowFieldError(_ scanner: FieldScanner) -> ReplayError {
        fieldError(scanner, path: orderbookPath, line: orderbook.line, expected: 4 * levels) { index in
            let names = ["ask price", "ask size", "bid price", "bid size"]
            return "expected an integer in column \(index + 1) (\(names[index % 4]) \(index / 4 + 1))"
        }
    }

    private func fieldError(
        _ scanner: FieldScanner, path: String, line: Int, expected: Int, expectation: (Int) -> String
    ) -> ReplayError {
        let columns = scanner.columnCount()
        if columns != expected {
            let what = expected == 6 ? "a message row has 6 columns" : "this orderbook file has \(expected) columns per row"
            return ReplayError(
                .invalidData, path: path, line: line, message: "\(what), found \(columns)")
        }
        var field = scanner
        // Report the whole field, not the byte where parsing stopped.
        while field.position > field.lineStart && (field.position - 1).pointee != UInt8(ascii: ",") {
            field.position -= 1
        }
        let index = field.columnIndex()
        let text = field.fieldText()
        return ReplayError(
            .invalidData, path: path, line: line, column: field.column,
            message: "\(expectation(index)), found "
                + (text.isEmpty ? "an empty field" : Self.quoted(text)))
    }

    private func messageError(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: messagePath, line: messages.line, column: Self.column(of: field, from: start),
            message: text)
    }

    private func rowError(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: orderbookPath, line: orderbook.line, column: Self.column(of: field, from: start),
            message: text)
    }

    private func rowLevelError(
        _ start: UnsafePointer<UInt8>, field: Int, level: Int, side: String, _ contiguous: Bool
    ) -> ReplayError {
        let price = currentRow[field]
        let size = currentRow[field + 1]
        let text =
            !contiguous
            ? "\(side) level \(level + 1) is occupied below an empty level"
            : size < 0
                ? "\(side) level \(level + 1) has a negative size (\(size))"
                : "\(side) level \(level + 1) has a size but no positive price (\(price))"
        return rowError(start, field: field, text)
    }

    /// The 1-based byte column where 0-based `field` starts.
    private static func column(of field: Int, from start: UnsafePointer<UInt8>) -> Int {
        var cursor = start
        var commas = 0
        while commas < field && cursor.pointee != UInt8(ascii: "\n") {
            if cursor.pointee == UInt8(ascii: ",") { commas += 1 }
            cursor += 1
        }
        return cursor - start + 1
    }

    static func quoted(_ text: String) -> String { "'\(text)'" }

    /// Nanoseconds as seconds with 9 decimals, the way LOBSTER writes its time column.
    static func seconds(_ nanos: Int64) -> String {
        let fraction = String(nanos % 1_000_000_000)
        return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
