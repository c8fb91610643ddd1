public import MarketData
import StateVector
public import Strategy

/// What a run did, gathered as it goes: the numbers of the backtest summary and the report's charts.
/// Appends are O(1) and the charts are sampled, so collecting never slows the loop.
public struct RunStatistics: Sendable {
    /// A point of a sampled series.
    public struct Point: Hashable, Sendable {
        public var time: Timestamp
        public var value: Price
    }

    /// An entry or exit drawn on the price chart.
    public struct Marker: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable {
            case buy = "BUY"
            case sell = "SELL"
        }
        public var time: Timestamp
        public var price: Price
        public var kind: Kind
        /// What the order was (`ENTRY`, `STOP`, `TARGET`, `EXIT`).
        public var role: String
    }

    public var verdicts: [GateVerdict.Kind: Int] = [:]
    /// Why the day did or did not trade: conditions, setups and what stopped them.
    public var funnel = SetupFunnel()
    public var matrix = AgreementMatrix()
    /// Model latencies (question to answer), nanoseconds.
    public var modelLatencies: [Int64] = []
    public var trades: [ClosedTrade] = []
    /// Realized + unrealized after commissions, sampled.
    public var equity: [Point] = []
    /// LAST, sampled.
    public var prices: [Point] = []
    public var markers: [Marker] = []
    public var exitsFired = 0
    public var ordersRefusedByRisk = 0
    /// Entries asked about a setup that passed, lost by the time the answer came: dropped as stale,
    /// or refused by the gate because the setup was gone (`arrival`) or invalidated (`hold`).
    public var setupsLostToLatency = 0
    /// Questions given up in flight: a setup appeared they were not about, or the position changed.
    public var modelCancelled = 0
    /// Answers whose reasoning spent the think budget, by what followed (a forced answer, a WAIT).
    public var thinkBudgetSpent: [ThinkBudget.Exhausted: Int] = [:]
    public var halts = 0
    public var ticks = 0
    public var events = 0
    /// Deepest fall of the equity curve from its running peak (positive dollars).
    public private(set) var maxDrawdown: Money = .zero
    private var peak: Money = .zero
    private var lastSample: Timestamp?
    /// How often the charts take a point.
    public var sampleEvery: Duration = .seconds(5)

    public init() {}

    /// Follows the equity at every tick (for the drawdown) and samples the charts.
    public mutating func observe(time: Timestamp, equity value: Money, last: Price?) {
        if value > peak { peak = value }
        if peak - value > maxDrawdown { maxDrawdown = peak - value }
        if let lastSample, time - lastSample < sampleEvery { return }
        lastSample = time
        equity.append(Point(time: time, value: value))
        if let last { prices.append(Point(time: time, value: last)) }
    }

    public mutating func count(_ verdict: GateVerdict.Kind) {
        verdicts[verdict, default: 0] += 1
    }

    /// Net P&L of the closed trades.
    public var netPL: Money { trades.reduce(Money.zero) { $0 + $1.netPL } }

    public var wins: Int { trades.filter { $0.netPL > .zero }.count }

    /// Wins over trades, 0 when there were none.
    public var winRate: Double { trades.isEmpty ? 0 : Double(wins) / Double(trades.count) }

    /// The latency at percentile `p` (0–100) in milliseconds, nil when the model was never asked.
    public func latencyPercentile(_ p: Double) -> Double? {
        Self.percentile(modelLatencies, p).map { Double($0) / 1e6 }
    }

    /// Nearest-rank percentile of `samples`.
    public static func percentile(_ samples: [Int64], _ p: Double) -> Int64? {
        percentiles(samples, [p])?.first
    }

    /// Nearest-rank percentiles of `samples`, one per entry of `ps` (0–100), sorting them once.
    public static func percentiles(_ samples: [Int64], _ ps: [Double]) -> [Int64]? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        return ps.map { p in
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }
    }
}
