import Foundation

/// What `fsd bench` reports: counts, rates by stage, latencies and memory. Its JSON (snake_case
/// keys) is what scripts read; `text` is the table a person reads.
public struct BenchReport: Codable, Sendable {
    public var data: String
    public var symbol = ""
    public var format = ""
    public var events = 0
    /// Batches: one per exchange message that changed something (PERFORMANCE.md counts these).
    public var messages = 0
    public var trades = 0
    public var stateBuilds = 0
    /// Events per second, by stage.
    public var readOnly = Throughput()
    public var readBookFeatures = Throughput()
    public var full = Throughput()
    public var fullStateBuildsPerSecond = 0.0
    public var bookFeaturesInMemory = Throughput()
    public var bookOnlyInMemory = Throughput()
    public var timerOverheadNs: Int64 = 0
    public var eventP50Ns: Int64 = 0
    public var eventP99Ns: Int64 = 0
    public var stateP50Ns: Int64 = 0
    public var stateP99Ns: Int64 = 0
    public var stateMaxNs: Int64 = 0
    public var peakMemoryStreamingMB = 0.0
    public var peakMemoryMB = 0.0

    /// The whole `fsd backtest --model rules` path (nil with `--reading-only`).
    public var backtest: Throughput?
    /// The strategy the backtest row ran.
    public var backtestStrategy: String?
    /// Events the backtest applied (the data's, up to the strategy's session close).
    public var backtestEvents: Int?
    public var backtestTicks: Int?
    public var backtestTrades: Int?
    /// Wall-clock seconds of one backtest of the day, `BacktestRunner.run()` from start to end.
    public var backtestWallSeconds: Double?
    /// LOBSTER messages and events per wall-clock second of the backtest (`backtest` has the CPU rates).
    public var backtestMessagesPerSecond: Double?
    public var backtestEventsPerSecond: Double?
    /// The per-tick decision path (state, checklist, exits, gate, risk) as the backtest measures it.
    public var backtestTickP50Ns: Int64?
    public var backtestTickP99Ns: Int64?
    /// The process's peak resident set after the backtests (they run after the streaming rows).
    public var peakMemoryBacktestMB: Double?

    public init(data: String) { self.data = data }

    /// LOBSTER messages per event of this data: every events rate times this is a messages rate.
    var messagesPerEvent: Double { Double(messages) / Double(max(events, 1)) }

    func withMessageRates() -> BenchReport {
        var report = self
        for path in [\BenchReport.readOnly, \.readBookFeatures, \.full, \.bookFeaturesInMemory, \.bookOnlyInMemory] {
            report[keyPath: path].addMessageRates(messagesPerEvent: messagesPerEvent)
        }
        report.backtest?.addMessageRates(messagesPerEvent: messagesPerEvent)
        report.backtestMessagesPerSecond = report.backtest?.wallMessages
        report.backtestEventsPerSecond = report.backtest?.wall
        return report
    }

    /// The report as one JSON object with sorted snake_case keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
