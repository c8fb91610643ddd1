import MarketData
import StateVector

/// `LARGE_PRINTS_1M`: prints of at least `large_print_size` in the trailing 60 s, newest first.
/// Only the newest `max_large_prints` can ever be listed, so no more are kept.
struct LargePrintLog: Sendable {
    private static let window = 60 * Timestamp.nanosPerSecond
    private let threshold: Int64
    private let maxCount: Int
    private var prints = RingBuffer<ClassifiedTrade>(capacity: 16)

    init(parameters: FeatureParameters) {
        threshold = parameters.largePrintSize
        maxCount = max(0, parameters.maxLargePrints)
    }

    mutating func add(_ trade: ClassifiedTrade) {
        guard trade.size >= threshold, maxCount > 0 else { return }
        prints.append(trade)
        if prints.count > maxCount { prints.removeFirst() }
    }

    /// The prints in (now − 60 s, now], newest first, `secs_ago` in whole seconds (rounded down).
    mutating func prints(at now: Timestamp) -> [LargePrint] {
        var result: [LargePrint] = []
        prints(at: now, into: &result)
        return result
    }

    /// `prints(at:)` written over `result`, reusing its storage.
    mutating func prints(at now: Timestamp, into result: inout [LargePrint]) {
        result.removeAll(keepingCapacity: true)
        while let oldest = prints.first, oldest.time.nanos <= now.nanos - Self.window { prints.removeFirst() }
        guard !prints.isEmpty else { return }
        for index in stride(from: prints.count - 1, through: 0, by: -1) {
            let print = prints[index]
            let secondsAgo = max(0, now.nanos - print.time.nanos) / Timestamp.nanosPerSecond
            result.append(LargePrint(price: print.price, size: print.size, side: print.side, secsAgo: secondsAgo))
        }
    }
}
