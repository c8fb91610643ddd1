#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MarketData

/// A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal, so
/// logs and pipes stay clean.
public struct ProgressBar: Sendable {
    private let from: Timestamp
    private let to: Timestamp
    private let enabled: Bool
    private var lastPercent = -1

    public init(from: Timestamp, to: Timestamp, enabled: Bool = isTerminal(2)) {
        self.from = from
        self.to = to
        self.enabled = enabled
    }

    /// Shows progress at data time `time`; redraws only when the whole percent changes.
    public mutating func update(_ time: Timestamp, trades: Int) {
        guard enabled else { return }
        let span = max(to.nanos - from.nanos, 1)
        let percent = Int(min(max(Double(time.nanos - from.nanos) / Double(span), 0), 1) * 100)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        Self.emit("\r\(bar) \(percent)% \(time.clock.prefix(8)) trades \(trades)\u{1B}[K")
    }

    /// Clears the line.
    public func finish() {
        guard enabled else { return }
        Self.emit("\r\u{1B}[K")
    }

    private static func emit(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            _ = write(2, base, buffer.count)
        }
    }
}
