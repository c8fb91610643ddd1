/// Parses and checks the rows of a LOBSTER message file into `MessageBlock`s, on the prefetch
/// thread when the reader prefetches, straight from the bytes: no String per field, no split.
final class MessageRows: BlockSource, @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private var lines: LineCursor
    @exclusivity(unchecked) private var lastTime: Int64 = 0
    @exclusivity(unchecked) private var stickyError: ReplayError?

    init(input: any ByteInput, threaded: Bool) {
        path = input.path
        lines = LineCursor(input: input, threaded: threaded)
    }

    deinit { lines.pipeline.cancel() }

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

    private func parseMessage() throws -> LobsterMessage {
        var scanner = FieldScanner(at: lines.position)
        guard let time = scanner.nanos() else { throw messageFieldError(scanner) }
        guard scanner.skip(UInt8(ascii: ",")), let type = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let orderID = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let size = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let price = scanner.integer(),
            scanner.skip(UInt8(ascii: ",")), let direction = scanner.integer(),
            scanner.skipLineEnd()
        else { throw messageFieldError(scanner) }
        let lineStart = lines.position
        lines.position = scanner.position
        if time < lastTime {
            throw ReplayError(
                .invalidData, path: path, line: lines.line, column: 1,
                message: "time goes backwards: \(LobsterDiagnostics.seconds(time)) comes after "
                    + "\(LobsterDiagnostics.seconds(lastTime)) on the previous row; LOBSTER rows are in time order")
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
