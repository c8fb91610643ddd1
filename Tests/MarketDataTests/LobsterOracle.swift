import MarketData

/// An independent reading of a LOBSTER pair for tests: a plain byte loop over the decompressed
/// text, sharing nothing with the reader's parser or book diff.
struct LobsterOracle {
    struct Message: Equatable {
        var nanos: Int64
        var type: Int64
        var size: Int64
        var price: Int64
        var direction: Int64
    }

    var messages: [Message] = []
    private let orderbook: [UInt8]
    private var offset = 0

    init(messages messageBytes: [UInt8], orderbook: [UInt8]) {
        self.orderbook = orderbook
        for line in messageBytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
            let time = fields[0].split(separator: ".")
            let fraction = time.count > 1 ? String(time[1]) : ""
            var nanos = Int64(time[0])! * 1_000_000_000
                + Int64(fraction.padding(toLength: 9, withPad: "0", startingAt: 0))!
            // Decimals past the ninth round to the nearest nanosecond.
            if fraction.count > 9, let tenth = fraction.dropFirst(9).first, tenth >= "5" { nanos += 1 }
            messages.append(
                Message(
                    nanos: nanos, type: Int64(fields[1])!, size: Int64(fields[3])!, price: Int64(fields[4])!,
                    direction: Int64(fields[5])!))
        }
    }

    /// The next orderbook row as (asks, bids), best first, empty levels left out.
    mutating func nextRow() -> (asks: [BookLevel], bids: [BookLevel])? {
        guard offset < orderbook.count else { return nil }
        var values: [Int64] = []
        var value: Int64 = 0
        var negative = false
        while offset < orderbook.count {
            let byte = orderbook[offset]
            offset += 1
            if byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") {
                values.append(negative ? -value : value)
                value = 0
                negative = false
                if byte == UInt8(ascii: "\n") { break }
            } else {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
        }
        var asks: [BookLevel] = []
        var bids: [BookLevel] = []
        for level in stride(from: 0, to: values.count, by: 4) {
            if values[level + 1] > 0 { asks.append(BookLevel(price: Price(raw: values[level]), size: values[level + 1])) }
            if values[level + 3] > 0 { bids.append(BookLevel(price: Price(raw: values[level + 2]), size: values[level + 3])) }
        }
        return (asks, bids)
    }
}
