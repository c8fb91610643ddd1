#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses and checks the rows of a LOBSTER orderbook file into `RowBlock`s, on the prefetch thread
/// when the reader prefetches (its text arrives from yet another thread that inflates it).
///
/// Most rows differ from the previous one in a field or two, so only the bytes between the common
/// prefix and the common suffix of the two lines are parsed; the fields outside are copied.
final class OrderbookRows: BlockSource, @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private var lines: LineCursor
    /// Values per row (4 × levels); 0 until the first line is read.
    @exclusivity(unchecked) private var columns = 0
    @exclusivity(unchecked) private var stickyError: ReplayError?
    /// The previous row's values and line, and where the fields of each line start.
    @exclusivity(unchecked) private var previousRow: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) private var previousLine: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var previousLineCapacity = 256
    @exclusivity(unchecked) private var previousLineLength = -1
    @exclusivity(unchecked) private var previousStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var currentStarts: UnsafeMutablePointer<Int>

    init(input: any ByteInput, threaded: Bool) {
        path = input.path
        lines = LineCursor(input: input, threaded: threaded)
        previousRow = .allocate(capacity: 4)
        previousLine = .allocate(capacity: previousLineCapacity)
        previousStarts = .allocate(capacity: 4)
        currentStarts = .allocate(capacity: 4)
    }

    deinit {
        lines.pipeline.cancel()
        previousRow.deallocate()
        previousLine.deallocate()
        previousStarts.deallocate()
        currentStarts.deallocate()
    }

    /// Stops the thread that reads the text.
    func cancel() { lines.pipeline.cancel() }

    func makeBlock() -> RowBlock { RowBlock() }

    func fill(_ block: RowBlock) throws -> Bool {
        if let stickyError { throw stickyError }
        block.count = 0
        block.failure = nil
        do {
            while true {
                guard try lines.advance() else { break }
                if columns == 0 { try setUp() }
                block.prepare(stride: columns + 2)
                let row = block.values + block.count * block.stride
                let start = lines.position
                try parse(start, into: row)
                let (asks, bids) = try validate(row, start: start)
                row[columns] = Int64(asks)
                row[columns + 1] = Int64(bids)
                previousRow.update(from: row, count: columns)
                block.count += 1
                if block.count == RowBlock.rowCapacity { break }
            }
        } catch {
            let replayError =
                error as? ReplayError ?? ReplayError(.unreadable, path: path, line: lines.line, message: "\(error)")
            stickyError = replayError
            guard block.count > 0 else { throw replayError }
            block.failure = replayError
        }
        return block.count > 0
    }

    private func setUp() throws {
        let count = FieldScanner(at: lines.position).columnCount()
        guard count % 4 == 0 else {
            throw ReplayError(
                .invalidData, path: path, line: lines.line,
                message: "an orderbook row has 4 columns per level (ask price, ask size, bid price, bid size), "
                    + "found \(count) columns")
        }
        columns = count
        previousRow.deallocate()
        previousStarts.deallocate()
        currentStarts.deallocate()
        previousRow = .allocate(capacity: columns)
        previousStarts = .allocate(capacity: columns)
        currentStarts = .allocate(capacity: columns)
    }

    /// Parses the line at `start` into `row` and moves the cursor past it.
    private func parse(_ start: UnsafePointer<UInt8>, into row: UnsafeMutablePointer<Int64>) throws {
        let newline = start + Self.distanceToNewline(start, lines.end)
        var length = newline - start
        if length > 0 && (newline - 1).pointee == UInt8(ascii: "\r") { length -= 1 }
        if previousLineLength < 0 || !parseChangedFields(start, length, into: row) {
            try parseWholeRow(start, into: row)
        }
        swap(&previousStarts, &currentStarts)
        if length > previousLineCapacity {
            previousLine.deallocate()
            previousLineCapacity = length * 2
            previousLine = .allocate(capacity: previousLineCapacity)
        }
        previousLine.update(from: start, count: length)
        previousLineLength = length
        lines.position = newline + 1
    }

    private func parseWholeRow(_ start: UnsafePointer<UInt8>, into row: UnsafeMutablePointer<Int64>) throws {
        var scanner = FieldScanner(at: start)
        let starts = currentStarts
        var index = 0
        while true {
            starts[index] = scanner.position - start
            guard let value = scanner.integer() else { throw fieldError(scanner) }
            row[index] = value
            index &+= 1
            if index == columns { break }
            guard scanner.skip(UInt8(ascii: ",")) else { throw fieldError(scanner) }
        }
        guard scanner.skipLineEnd() else { throw fieldError(scanner) }
    }

    /// Parses only the fields between the common prefix and suffix of this line and the previous
    /// one. False when the line needs a whole parse (which also reports any error precisely).
    @inline(__always)
    private func parseChangedFields(
        _ start: UnsafePointer<UInt8>, _ length: Int, into row: UnsafeMutablePointer<Int64>
    ) -> Bool {
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
        var low = 0
        var high = columns &- 1
        while low < high {
            let middle = (low &+ high &+ 1) >> 1
            if oldStarts[middle] <= prefix { low = middle } else { high = middle &- 1 }
        }
        let first = low
        // First unchanged trailing field: the first whose separating comma lies in the common suffix.
        let suffixStart = oldLength &- suffix
        low = first &+ 1
        high = columns
        while low < high {
            let middle = (low &+ high) >> 1
            if oldStarts[middle] &- 1 < suffixStart { low = middle &+ 1 } else { high = middle }
        }
        let last = low
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

    /// Checks the row the way the book needs it and returns the occupied levels per side.
    /// Empty levels (size 0; LOBSTER pads them with prices ±9999999999) may only follow occupied ones.
    private func validate(_ row: UnsafeMutablePointer<Int64>, start: UnsafePointer<UInt8>) throws -> (asks: Int, bids: Int) {
        var asks = 0
        var bids = 0
        var level = 0
        while level &* 4 < columns {
            let base = level &* 4
            let askSize = row[base &+ 1]
            if askSize != 0 {
                let askPrice = row[base]
                guard asks == level, askSize > 0, askPrice > 0, askSize <= MarketLimits.maximumSize,
                    askPrice <= MarketLimits.maximumPriceRaw
                else {
                    throw levelError(row, start, field: base, level: level, side: "ask", asks == level)
                }
                if level > 0 && askPrice <= row[base &- 4] {
                    throw error(
                        start, field: base,
                        "ask prices must rise level by level, but level \(level + 1) (\(Price(raw: askPrice))) "
                            + "is not above level \(level) (\(Price(raw: row[base - 4])))")
                }
                asks &+= 1
            }
            let bidSize = row[base &+ 3]
            if bidSize != 0 {
                let bidPrice = row[base &+ 2]
                guard bids == level, bidSize > 0, bidPrice > 0, bidSize <= MarketLimits.maximumSize,
                    bidPrice <= MarketLimits.maximumPriceRaw
                else {
                    throw levelError(row, start, field: base + 2, level: level, side: "bid", bids == level)
                }
                if level > 0 && bidPrice >= row[base &- 2] {
                    throw error(
                        start, field: base + 2,
                        "bid prices must fall level by level, but level \(level + 1) (\(Price(raw: bidPrice))) "
                            + "is not below level \(level) (\(Price(raw: row[base - 2])))")
                }
                bids &+= 1
            }
            level &+= 1
        }
        if asks > 0 && bids > 0 && row[2] >= row[0] {
            throw error(
                start, field: 2,
                "crossed book: the best bid \(Price(raw: row[2])) is at or above the best ask \(Price(raw: row[0]))")
        }
        return (asks, bids)
    }

    /// Bytes from `start` to the newline that ends every line of a chunk.
    @inline(__always)
    private static func distanceToNewline(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        guard let found = memchr(start, Int32(UInt8(ascii: "\n")), end - start) else { return end - start }
        return UnsafeRawPointer(found) - UnsafeRawPointer(start)
    }

    // MARK: Errors (cold paths)

    private func fieldError(_ scanner: FieldScanner) -> ReplayError {
        LobsterDiagnostics.fieldError(scanner, path: path, line: lines.line, expected: columns) { index in
            let names = ["ask price", "ask size", "bid price", "bid size"]
            return "expected an integer in column \(index + 1) (\(names[index % 4]) \(index / 4 + 1))"
        }
    }

    private func error(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: path, line: lines.line,
            column: LobsterDiagnostics.column(of: field, from: start), message: text)
    }

    private func levelError(
        _ row: UnsafeMutablePointer<Int64>, _ start: UnsafePointer<UInt8>, field: Int, level: Int, side: String,
        _ contiguous: Bool
    ) -> ReplayError {
        let price = row[field]
        let size = row[field + 1]
        let text =
            !contiguous
            ? "\(side) level \(level + 1) is occupied below an empty level"
            : size < 0
                ? "\(side) level \(level + 1) has a negative size (\(size))"
                : size > MarketLimits.maximumSize
                    ? "\(side) level \(level + 1) has a size above \(MarketLimits.maximumSize) shares (\(size))"
                    : price > MarketLimits.maximumPriceRaw
                        ? "\(side) level \(level + 1) has a price above \(MarketLimits.maximumPriceRaw) (\(price))"
                        : "\(side) level \(level + 1) has a size but no positive price (\(price))"
        return error(start, field: field, text)
    }
}
