public import MarketData

/// A value written in a strategy's `features:` block, already parsed by its declared kind.
public enum ParameterValue: Hashable, Sendable {
    case integer(Int64)
    case number(Double)
    case price(Price)
    case clock(Timestamp)
    case choice(String)
    case curve(VolumeCurve)
}

/// One feature parameter: its YAML name, what it accepts, its default and what it does.
public struct ParameterDeclaration: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A whole number within the range.
        case integer(ClosedRange<Int64>)
        /// A number within the range.
        case number(ClosedRange<Double>)
        /// Dollars, at least 0.0001.
        case price
        /// A session time `HH:MM` or `HH:MM:SS`.
        case clock
        /// One of the words.
        case choice([String])
        /// `default` or a list of 13 half-hour weights.
        case curve
    }

    public let name: String
    public let kind: Kind
    /// The default as YAML would write it.
    public let defaultText: String
    public let summary: String
    public let apply: @Sendable (inout FeatureParameters, ParameterValue) -> Void
}

extension FeatureParameters {
    /// Every parameter of FEATURES.md, once. `fsd validate` rejects names not listed here.
    public static let declarations: [ParameterDeclaration] = [
        int("imbalance_levels", 1...100, "5", "Levels per side summed by L2_IMBALANCE.") { $0.imbalanceLevels = $1 },
        int("wall_levels", 1...100, "10", "Levels per side searched for DOM_WALLS.") { $0.wallLevels = $1 },
        num("wall_minor_x", 1...1000, "3", "A wall is larger than this many times its side's mean size.") { $0.wallMinorX = $1 },
        num("wall_major_x", 1...1000, "5", "A MAJOR wall is larger than this many times the mean.") { $0.wallMajorX = $1 },
        int("max_walls", 0...100, "6", "At most this many walls are listed.") { $0.maxWalls = $1 },
        int("stack_levels", 1...50, "3", "Levels per side in BID_STACK and ASK_STACK.") { $0.stackLevels = $1 },
        int("velocity_window_s", 1...3600, "5", "Seconds over which TAPE_VELOCITY_TPS counts trades.") { $0.velocityWindowSeconds = $1 },
        num("velocity_low", 0...1_000_000, "10", "Below this many trades/s the tape is LOW.") { $0.velocityLow = $1 },
        num("velocity_high", 0...1_000_000, "30", "Above this many trades/s the tape is HIGH.") { $0.velocityHigh = $1 },
        int("sentiment_window_s", 1...3600, "5", "Seconds over which TAPE_SENTIMENT is judged.") { $0.sentimentWindowSeconds = $1 },
        num("sentiment_buy", 0...1, "0.65", "Buy share at or above which the tape is AGGRESSIVE_BUYING.") { $0.sentimentBuy = $1 },
        num("sentiment_sell", 0...1, "0.35", "Buy share at or below which the tape is AGGRESSIVE_SELLING.") { $0.sentimentSell = $1 },
        int("sentiment_min_trades", 0...1_000_000, "5", "Fewer trades in the window read NEUTRAL.") { $0.sentimentMinTrades = $1 },
        int64("large_print_size", 1...1_000_000_000, "300", "Prints of at least this size are LARGE_PRINTS_1M.") { $0.largePrintSize = $1 },
        int("max_large_prints", 0...1000, "10", "At most this many large prints are listed.") { $0.maxLargePrints = $1 },
        int("bar_seconds", 1...86_400, "60", "Length of the footprint bar, clock-aligned.") { $0.barSeconds = $1 },
        num("imbalance_ratio", 1...1_000_000, "3", "One side must trade this many times the other for a footprint imbalance.") {
            $0.imbalanceRatio = $1
        },
        int64("imbalance_min_volume", 0...1_000_000_000, "100", "Minimum volume of the compared pair for an imbalance.") {
            $0.imbalanceMinVolume = $1
        },
        ParameterDeclaration(
            name: "footprint_mode", kind: .choice(FootprintMode.allCases.map(\.rawValue)), defaultText: "diagonal",
            summary: "diagonal compares ask_vol at p with bid_vol one tick below; horizontal at the same price."
        ) { parameters, value in
            if case .choice(let word) = value, let mode = FootprintMode(rawValue: word) { parameters.footprintMode = mode }
        },
        int("cvd_window_min", 1...390, "5", "Minutes over which CVD_SLOPE_5M is measured.") { $0.cvdWindowMinutes = $1 },
        num("cvd_trend_threshold", 0...1, "0.10", "CVD_TREND is RISING above this slope, FALLING below its negative.") {
            $0.cvdTrendThreshold = $1
        },
        price("profile_bucket", "0.01", "Price bucket of the volume profile.") { $0.profileBucket = $1 },
        num("value_area_pct", 1...100, "70", "Share of the volume in the value area, percent.") { $0.valueAreaPct = $1 },
        int("developing_window_min", 1...390, "30", "Minutes of the developing POC's window.") { $0.developingWindowMinutes = $1 },
        price("poc_tolerance", "0.02", "LAST within this of VP_POC reads AT_POC.") { $0.pocTolerance = $1 },
        int("breakout_window_s", 1...3600, "10", "A new HOD (LOD) within this many seconds makes a BREAKOUT (BREAKDOWN).") {
            $0.breakoutWindowSeconds = $1
        },
        num("testing_pct", 0...100, "0.15", "Within this percent of an extreme reads TESTING_HOD / TESTING_LOD.") { $0.testingPct = $1 },
        num("near_pct", 0...100, "0.40", "Within this percent reads NEAR_HOD / NEAR_LOD.") { $0.nearPct = $1 },
        ParameterDeclaration(
            name: "volume_curve", kind: .curve, defaultText: "default",
            summary: "Intraday volume shape for RVOL_DAY: default (U-shaped) or 13 half-hour weights from 09:30."
        ) { parameters, value in
            if case .curve(let curve) = value { parameters.volumeCurve = curve }
        },
        clock("session_open", "09:30", "Start of the regular session (OPEN_DRIVE).") { $0.sessionOpen = $1 },
        clock("open_drive_end", "10:00", "OPEN_DRIVE becomes MORNING.") { $0.openDriveEnd = $1 },
        clock("morning_end", "11:30", "MORNING becomes MIDDAY.") { $0.morningEnd = $1 },
        clock("midday_end", "14:00", "MIDDAY becomes AFTERNOON.") { $0.middayEnd = $1 },
        clock("afternoon_end", "15:30", "AFTERNOON becomes CLOSE.") { $0.afternoonEnd = $1 },
        clock("session_close", "16:00", "End of the regular session; after it is AFTER_HOURS.") { $0.sessionClose = $1 },
        int("absorption_window_s", 1...3600, "10", "Seconds over which absorption is judged.") { $0.absorptionWindowSeconds = $1 },
        int64("absorption_min_volume", 0...1_000_000_000, "2000", "Minimum aggressive volume into the level.") {
            $0.absorptionMinVolume = $1
        },
        num("absorption_x", 0...1_000_000, "3", "Aggressive volume must be this many times the level's mean displayed size.") {
            $0.absorptionX = $1
        },
        num("absorption_refill", 0...1, "0.5", "The level's size never fell below this share of its window maximum.") {
            $0.absorptionRefill = $1
        },
    ]

    /// The declaration named `name`, if any.
    public static func declaration(named name: String) -> ParameterDeclaration? {
        declarations.first { $0.name == name }
    }

    private static func int(
        _ name: String, _ range: ClosedRange<Int64>, _ defaultText: String, _ summary: String,
        _ set: @escaping @Sendable (inout FeatureParameters, Int) -> Void
    ) -> ParameterDeclaration {
        ParameterDeclaration(name: name, kind: .integer(range), defaultText: defaultText, summary: summary) { parameters, value in
            if case .integer(let number) = value { set(&parameters, Int(number)) }
        }
    }

    private static func int64(
        _ name: String, _ range: ClosedRange<Int64>, _ defaultText: String, _ summary: String,
        _ set: @escaping @Sendable (inout FeatureParameters, Int64) -> Void
    ) -> ParameterDeclaration {
        ParameterDeclaration(name: name, kind: .integer(range), defaultText: defaultText, summary: summary) { parameters, value in
            if case .integer(let number) = value { set(&parameters, number) }
        }
    }

    private static func num(
        _ name: String, _ range: ClosedRange<Double>, _ defaultText: String, _ summary: String,
        _ set: @escaping @Sendable (inout FeatureParameters, Double) -> Void
    ) -> ParameterDeclaration {
        ParameterDeclaration(name: name, kind: .number(range), defaultText: defaultText, summary: summary) { parameters, value in
            switch value {
            case .number(let number): set(&parameters, number)
            case .integer(let number): set(&parameters, Double(number))
            default: break
            }
        }
    }

    private static func price(
        _ name: String, _ defaultText: String, _ summary: String,
        _ set: @escaping @Sendable (inout FeatureParameters, Price) -> Void
    ) -> ParameterDeclaration {
        ParameterDeclaration(name: name, kind: .price, defaultText: defaultText, summary: summary) { parameters, value in
            if case .price(let price) = value { set(&parameters, price) }
        }
    }

    private static func clock(
        _ name: String, _ defaultText: String, _ summary: String,
        _ set: @escaping @Sendable (inout FeatureParameters, Timestamp) -> Void
    ) -> ParameterDeclaration {
        ParameterDeclaration(name: name, kind: .clock, defaultText: defaultText, summary: summary) { parameters, value in
            if case .clock(let time) = value { set(&parameters, time) }
        }
    }
}
