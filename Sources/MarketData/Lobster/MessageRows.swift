/// Parses and checks the rows of a LOBSTER message file into `MessageBlock`s, on the reader's
/// thread (the text is inflated on another when the reader prefetches), straight from the bytes:
/// no String per field, no split.
final class MessageRows: BlockSource, @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private var lines: LineCursor
    @exclusivity(unchecked) private var lastTime: Int64 = 0
    @exclusivity(unchecked) private var stickyError: ReplayError?
    /// Where the five commas of the line being parsed are.
    private let commaOffsets = UnsafeMutablePointer<Int>.allocate(capacity: 5)

    /// The session window of the file name in nanoseconds after midnight; nil when it has none.
    private let window: ClosedRange<Int64>?
    /// 24 hours: a time after it is not a time of the day.
    private static let dayEnd: Int64 = 86_400 * 1_000_000_000

    init(input: any ByteInput, threaded: Bool, window: ClosedRange<Int64>? = nil) {
        path = input.path
        self.window = window
        lines = LineCursor(input: input, threaded: threaded)
    }

    deinit {
        lines.pipeline.cancel()
        commaOffsets.deallocate()
    }

    /// Stops the thread that reads the text.
    func cancel() { lines.pipeline.cancel() }

    func makeBlock() -> MessageBlock { MessageBlock() }

    func fill(_ block: MessageBlock) throws -> Bool {
        if let stickyError { throw stickyError }
        block.count = 0
        block.failure = nil
        do {
            while block.count < MessageBlock.capacity, try lines.advance() {
                block.messages[block.count] = try parseMessage()
                block.count &+= 1
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

    static let messageColumns = ["time", "event type", "order id", "size", "price", "direction"]

    /// The six fields of a line as written, before any check of their meaning.
    private struct Fields {
        var time: Int64
        var type: Int64
        var orderID: Int64
        var size: Int64
        var price: Int64
        var direction: Int64
        /// The start of the next line.
        var next: UnsafePointer<UInt8>
    }

    private func parseMessage() throws -> LobsterMessage {
        let lineStart = lines.position
        let fields = try quickFields(lineStart) ?? fieldsOneByOne(lineStart)
        lines.position = fields.next
        let (time, type, orderID, size, price, direction) = (
            fields.time, fields.type, fields.orderID, fields.size, fields.price, fields.direction
        )
        if time < lastTime {
            throw ReplayError(
                .invalidData, path: path, line: lines.line, column: 1,
                message: "time goes backwards: \(LobsterDiagnostics.seconds(time)) comes after "
                    + "\(LobsterDiagnostics.seconds(lastTime)) on the previous row; LOBSTER rows are in time order")
        }
        // Past the day or the file's own window, a time would end a backtest "at the end of the
        // data" in silence (the loop stops at the first event after --to), so it is bad data here.
        if time > Self.dayEnd {
            throw ReplayError(
                .invalidData, path: path, line: lines.line, column: 1,
                message: "the time \(LobsterDiagnostics.seconds(time)) is beyond the day: LOBSTER times are seconds "
                    + "after midnight, 0 to 86400")
        }
        if let window, !window.contains(time) {
            throw ReplayError(
                .invalidData, path: path, line: lines.line, column: 1,
                message: "the time \(LobsterDiagnostics.seconds(time)) is outside the file's session window, "
                    + "\(LobsterDiagnostics.seconds(window.lowerBound)) to \(LobsterDiagnostics.seconds(window.upperBound)) "
                    + "seconds after midnight (the START_END milliseconds of its name)")
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

    /// The fields of a well-formed line: the commas and the line's end are found first (eight
    /// bytes at a time), then each field is converted on its own. Nil for anything unusual (a
    /// malformed or very long line), which `fieldsOneByOne` then reads or reports precisely.
    @inline(__always)
    private func quickFields(_ line: UnsafePointer<UInt8>) -> Fields? {
        let bounds = commaOffsets
        var found = 0
        var offset = 0
        var end = -1
        search: while offset < Self.quickLineLimit {
            let word = FieldScanner.load(line + offset)
            var marks = FieldScanner.byteMask(word, UInt8(ascii: ",")) | FieldScanner.byteMask(word, UInt8(ascii: "\n"))
            while marks != 0 {
                let position = offset &+ (marks.trailingZeroBitCount >> 3)
                marks &= marks &- 1
                if line[position] == UInt8(ascii: "\n") {
                    end = position
                    break search
                }
                guard found < 5 else { return nil }
                bounds[found] = position
                found &+= 1
            }
            offset &+= 8
        }
        guard found == 5, end >= 0 else { return nil }
        let next = line + end + 1
        if end > 0 && line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var scanner = FieldScanner(at: line)
        guard let time = scanner.nanos(), scanner.position == line + bounds[0],
            let type = FieldScanner.integer(in: line, bounds[0] &+ 1, bounds[1]),
            let orderID = FieldScanner.integer(in: line, bounds[1] &+ 1, bounds[2]),
            let size = FieldScanner.integer(in: line, bounds[2] &+ 1, bounds[3]),
            let price = FieldScanner.integer(in: line, bounds[3] &+ 1, bounds[4]),
            let direction = FieldScanner.integer(in: line, bounds[4] &+ 1, end)
        else { return nil }
        return Fields(
            time: time, type: type, orderID: orderID, size: size, price: price, direction: direction, next: next)
    }

    /// Longer lines than this (LOBSTER's are about 40 bytes) take the general path.
    private static let quickLineLimit = 256

    /// The fields read one after another, with a precise error for the first that is wrong.
    private func fieldsOneByOne(_ line: UnsafePointer<UInt8>) throws -> Fields {
        var scanner = FieldScanner(at: line)
        guard let time = scanner.nanos() else { throw messageFieldError(scanner) }
        guard scanner.skip(UInt8(ascii: ",")), let type = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let orderID = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let size = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let price = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let direction = scanner.integer(),
            scanner.skipLineEnd()
        else { throw messageFieldError(scanner) }
        return Fields(
            time: time, type: type, orderID: orderID, size: size, price: price, direction: direction,
            next: scanner.position)
    }

    // MARK: Errors (cold paths)

    private func messageFieldError(_ scanner: FieldScanner) -> ReplayError {
        LobsterDiagnostics.fieldError(scanner, path: path, line: lines.line, expected: 6) { index in
            index == 0
                ? "expected the time in seconds after midnight (e.g. 34200.015105074) in column 1"
                : "expected an integer in column \(index + 1) (\(Self.messageColumns[index]))"
        }
    }

    private func messageError(_ start: UnsafePointer<UInt8>, field: Int, _ text: String) -> ReplayError {
        ReplayError(
            .invalidData, path: path, line: lines.line,
            column: LobsterDiagnostics.column(of: field, from: start),
            message: text)
    }
}
