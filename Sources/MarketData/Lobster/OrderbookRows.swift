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
/// prefix and the common suffix of the two lines are parsed; the fields outside are copied. Each
/// row carries the range of columns that may have changed, so the reader diffs only those.
final class OrderbookRows: BlockSource, @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private(set) var lines: LineCursor
    /// Values per row (4 × levels); 0 until the first line is read.
    @exclusivity(unchecked) private(set) var columns = 0
    @exclusivity(unchecked) private var stickyError: ReplayError?
    /// The previous row's values and line. Both point into the block and the chunk being worked
    /// on, and to the saved copies below once those are handed on (a handed-on block or chunk is
    /// refilled by another thread).
    @exclusivity(unchecked) private var previousRow: UnsafePointer<Int64>
    @exclusivity(unchecked) private var previousLine: UnsafePointer<UInt8>
    @exclusivity(unchecked) private var previousLineLength = -1
    @exclusivity(unchecked) private var savedRow: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) private var savedLine: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var savedLineCapacity = 256
    /// Where each field of the previous line and of the line being parsed starts.
    @exclusivity(unchecked) private var previousStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var currentStarts: UnsafeMutablePointer<Int>
    /// The columns of the row just parsed that may differ from the previous row: `firstChanged`
    /// up to but excluding `endChanged`; the columns outside are equal in both rows.
    @exclusivity(unchecked) private(set) var firstChanged = 0
    @exclusivity(unchecked) private(set) var endChanged = 0
    /// The occupied levels per side of the previous row.
    @exclusivity(unchecked) private(set) var previousAsks = 0
    @exclusivity(unchecked) private(set) var previousBids = 0

    init(input: any ByteInput, threaded: Bool) {
        path = input.path
        lines = LineCursor(input: input, threaded: threaded)
        savedRow = .allocate(capacity: 4)
        savedLine = Self.allocateLine(savedLineCapacity)
        previousRow = UnsafePointer(savedRow)
        previousLine = UnsafePointer(savedLine)
        previousStarts = .allocate(capacity: 4)
        currentStarts = .allocate(capacity: 4)
    }

    deinit {
        lines.pipeline.cancel()
        savedRow.deallocate()
        savedLine.deallocate()
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
                block.prepare(columns: columns)
                let row = block.values + block.count * block.stride
                let start = lines.position
                try parse(start, into: row)
                let (asks, bids) = try checkChangedLevels(row) ?? validate(row, start: start)
                previousAsks = asks
                previousBids = bids
                row[columns] = Int64(asks)
                row[columns + 1] = Int64(bids)
                row[columns + 2] = Int64(firstChanged)
                row[columns + 3] = Int64(endChanged)
                previousRow = UnsafePointer(row)
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
        if block.count > 0 {
            // The block goes to the reader; the next one starts from a copy of its last row.
            savedRow.update(from: previousRow, count: columns)
            previousRow = UnsafePointer(savedRow)
        }
        return block.count > 0
    }

    private static func allocateLine(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        // Padded like a chunk, so fields near the end load eight bytes at a time safely.
        let line = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + ByteChunk.padding)
        line.initialize(repeating: 0, count: capacity + ByteChunk.padding)
        return line
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
        savedRow.deallocate()
        savedRow = .allocate(capacity: columns)
        previousStarts.deallocate()
        currentStarts.deallocate()
        previousStarts = .allocate(capacity: columns)
        currentStarts = .allocate(capacity: columns)
        previousRow = UnsafePointer(savedRow)
    }

    /// Parses the line at `start` into `row` and moves the cursor past it.
    private func parse(_ start: UnsafePointer<UInt8>, into row: UnsafeMutablePointer<Int64>) throws {
        var newline = likelyNewline(start)
        var length = newline - start
        if length > 0 && (newline - 1).pointee == UInt8(ascii: "\r") { length -= 1 }
        if previousLineLength < 0 || !parseChangedFields(start, length, into: row) {
            newline = start + Self.distanceToNewline(start, lines.end)
            length = newline - start
            if length > 0 && (newline - 1).pointee == UInt8(ascii: "\r") { length -= 1 }
            try parseWholeRow(start, into: row)
            firstChanged = 0
            endChanged = columns
        }
        swap(&previousStarts, &currentStarts)
        previousLine = start
        previousLineLength = length
        lines.position = newline + 1
        if lines.position == lines.end {
            // The chunk goes back to the reading thread when the next line is asked for.
            if length > savedLineCapacity {
                savedLine.deallocate()
                savedLineCapacity = length * 2
                savedLine = Self.allocateLine(savedLineCapacity)
            }
            savedLine.update(from: start, count: length)
            previousLine = UnsafePointer(savedLine)
        }
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
        let old = previousLine
        let oldLength = previousLineLength
        let shortest = min(length, oldLength)
        var prefix = 0
        while prefix &+ 8 <= shortest {
            let difference = FieldScanner.load(start + prefix) ^ FieldScanner.load(old + prefix)
            if difference != 0 {
                prefix &+= difference.trailingZeroBitCount >> 3
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
            firstChanged = 0
            endChanged = 0
            return true
        }
        // The suffix may not reach into the prefix.
        let longestSuffix = shortest &- prefix
        var suffix = 0
        while suffix &+ 8 <= longestSuffix {
            let difference = FieldScanner.load(start + (length &- suffix &- 8)) ^ FieldScanner.load(old + (oldLength &- suffix &- 8))
            if difference != 0 {
                suffix &+= difference.leadingZeroBitCount >> 3
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
        // The changed fields of the new line lie between the start of field `first` (in the
        // common prefix) and the comma before field `last` (in the common suffix) or the line's end.
        let regionStart = oldStarts[first]
        let regionEnd = last < columns ? oldStarts[last] &- 1 &+ shift : length
        guard regionEnd >= regionStart else { return false }
        // Find the commas first, from a bit mask per eight bytes, then parse each field on its own:
        // no field's position waits for the parse of the one before it.
        var index = first
        var fieldStart = regionStart
        var offset = regionStart
        while offset < regionEnd {
            var commas = FieldScanner.byteMask(FieldScanner.load(start + offset), UInt8(ascii: ","))
            let remaining = regionEnd &- offset
            if remaining < 8 { commas &= (1 << (8 &* UInt64(remaining))) &- 1 }
            while commas != 0 {
                let comma = offset &+ (commas.trailingZeroBitCount >> 3)
                commas &= commas &- 1
                guard index &+ 1 < last, let value = FieldScanner.integer(in: start, fieldStart, comma) else { return false }
                starts[index] = fieldStart
                row[index] = value
                index &+= 1
                fieldStart = comma &+ 1
            }
            offset &+= 8
        }
        guard index &+ 1 == last, let value = FieldScanner.integer(in: start, fieldStart, regionEnd) else { return false }
        starts[index] = fieldStart
        row[index] = value
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
        firstChanged = first
        endChanged = last
        return true
    }

    /// The first newline at or after a little before where the previous line ended: the line's
    /// end unless the line is much shorter than the previous one. Trusted only when the changed
    /// fields parse: the bytes before it are then the old line's or digits and commas, never a
    /// newline.
    @inline(__always)
    private func likelyNewline(_ start: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        let available = lines.end - start
        var offset = max(0, previousLineLength &- 16)
        // The chunk's last byte is a newline, so the search stops inside the chunk.
        while offset < available {
            let marks = FieldScanner.byteMask(FieldScanner.load(start + offset), UInt8(ascii: "\n"))
            if marks != 0 { return start + offset + (marks.trailingZeroBitCount >> 3) }
            offset &+= 8
        }
        return start + Self.distanceToNewline(start, lines.end)
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
}
