public import MarketData
import StateVector
import Strategy

/// The funnel over time, one-second buckets: how many ticks each entry condition passed, the price,
/// and the spread and numeric features the rules read, for the report's condition timeline (and the
/// dashboard's). A day is 23,400 buckets: a few megabytes at most, drawn by merging buckets.
public struct ConditionTimeline: Sendable {
    /// A plotted value: the spread, or a numeric field an entry rule reads.
    public struct Series: Sendable {
        public let name: String
        let field: Field
        /// Per bucket: the sum and the number of ticks it was known on.
        public internal(set) var sums: [Double] = []
        public internal(set) var counts: [UInt16] = []

        /// The bucket's mean, nil when never known in it.
        public func mean(_ bucket: Int) -> Double? {
            counts[bucket] == 0 ? nil : sums[bucket] / Double(counts[bucket])
        }
    }

    public static let bucket: Duration = .seconds(1)
    /// Beyond a day of buckets, nothing more is drawn (a run is one session).
    static let maximumBuckets = 86_400

    /// `LONG imbalance`, …, `LONG chase_guard`, `SHORT imbalance`, …: one row per condition.
    public let lanes: [String]
    /// The rule of each lane, for the report's tooltips.
    public let rules: [String]
    /// Where each side's lanes begin.
    let longLanes: Int
    let shortLanes: Int
    /// The start of bucket 0.
    public private(set) var origin: Timestamp?
    /// Ticks per bucket.
    public private(set) var ticks: [UInt16] = []
    /// Per lane and bucket, the ticks it passed (for a chase guard: let entries through).
    public private(set) var passes: [[UInt16]]
    /// LAST at the bucket's last tick.
    public private(set) var last: [Price?] = []
    public private(set) var series: [Series]
    /// `max_spread`, drawn on the spread's plot (dollars at each bucket's LAST when it is a share).
    public let maxSpread: PriceDistance?

    init(_ long: SetupFunnel.Side, _ short: SetupFunnel.Side, definition: StrategyDefinition?) {
        func rows(_ side: SetupFunnel.Side) -> [SetupFunnel.Row] { side.conditions + (side.chaseGuard.map { [$0] } ?? []) }
        lanes = rows(long).map { "LONG \($0.name)" } + rows(short).map { "SHORT \($0.name)" }
        rules = rows(long).map(\.rule) + rows(short).map(\.rule)
        longLanes = 0
        shortLanes = rows(long).count
        passes = Array(repeating: [], count: lanes.count)
        series = Self.plotted(definition).map { Series(name: $0.name, field: $0) }
        maxSpread = definition?.risk.maxSpread
    }

    /// The start of bucket `index`.
    public func time(ofBucket index: Int) -> Timestamp? {
        origin.map { $0 + .nanoseconds(Int64(index) * Self.bucket.nanosecondCount) }
    }

    /// The spread, then every numeric top-level field the entry rules name (LAST is the price line).
    static func plotted(_ definition: StrategyDefinition?) -> [Field] {
        guard let definition else { return [] }
        let text = (definition.longEntries + definition.shortEntries).map(\.rule).joined(separator: " ")
        let named = Set(text.split { !($0.isUppercase || $0.isNumber || $0 == "_") }.map(String.init))
        let fields = StateSchema.ruleFields.filter { field in
            guard field.name == "SPREAD" || (named.contains(field.name) && field.name != "LAST") else { return false }
            switch field.kind {
            case .price, .money, .integer, .number: return true
            default: return false
            }
        }
        return fields.filter { $0.name == "SPREAD" } + fields.filter { $0.name != "SPREAD" }
    }

    /// The bucket of `time`, growing the arrays to it; nil past a day of buckets.
    mutating func bucket(at time: Timestamp) -> Int? {
        let origin = self.origin ?? Timestamp(nanos: time.nanos / Self.bucket.nanosecondCount * Self.bucket.nanosecondCount)
        self.origin = origin
        let index = Int((time - origin).nanosecondCount / Self.bucket.nanosecondCount)
        guard index >= 0, index < Self.maximumBuckets else { return nil }
        while ticks.count <= index {
            ticks.append(0)
            last.append(nil)
            for lane in passes.indices { passes[lane].append(0) }
            for plot in series.indices {
                series[plot].sums.append(0)
                series[plot].counts.append(0)
            }
        }
        return index
    }

    /// One tick in `bucket`: the price and the plotted values.
    mutating func sample(_ state: StateVector, in bucket: Int) {
        ticks[bucket] &+= 1
        if let price = state.market.last { last[bucket] = price }
        for plot in series.indices {
            guard let value = Self.number(series[plot].field, state) else { continue }
            series[plot].sums[bucket] += value
            series[plot].counts[bucket] &+= 1
        }
    }

    /// The outcomes of one side's conditions (and whether its chase guard let entries through).
    mutating func record(_ side: PositionSide, outcomes: [Truth], guardLetThrough: Bool?, in bucket: Int) {
        let first = side == .long ? longLanes : shortLanes
        for index in outcomes.indices where outcomes[index] == .yes { passes[first + index][bucket] &+= 1 }
        if guardLetThrough == true { passes[first + outcomes.count][bucket] &+= 1 }
    }

    static func number(_ field: Field, _ state: StateVector) -> Double? {
        switch field.kind {
        case .price(let read): read(state, 0)?.dollars
        case .money(let read): read(state, 0)?.dollars
        case .integer(let read): read(state, 0).map(Double.init)
        case .number(let read): read(state, 0)
        default: nil
        }
    }
}
