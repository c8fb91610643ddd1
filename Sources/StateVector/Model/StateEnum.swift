/// An enumerated state-vector value. The wire names (`AGGRESSIVE_BUYING`) are declared once, in
/// `names`, in case order; the raw value is the case's index, so rules compare small integers.
public protocol StateEnum: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == UInt8 {
    /// The type's name in the schema and in messages, e.g. `TapeSentiment`.
    static var typeName: String { get }
    /// Wire names, one per case, in case order.
    static var names: [String] { get }
}

extension StateEnum {
    /// The wire name, e.g. `AGGRESSIVE_BUYING`.
    @inlinable public var name: String { Self.names[Int(rawValue)] }

    /// The case whose wire name is `name` (exact, case-sensitive).
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name), let value = Self(rawValue: UInt8(index)) else {
            return nil
        }
        self = value
    }

    /// The schema's description of this type.
    public static var enumType: EnumType { EnumType(name: typeName, values: names) }
}

/// The name and values of an enumerated field, as the schema declares them.
public struct EnumType: Hashable, Sendable {
    public let name: String
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

public enum TimeSession: UInt8, StateEnum {
    case preMarket, openDrive, morning, midday, afternoon, close, afterHours
    public static let typeName = "TimeSession"
    public static let names = ["PRE_MARKET", "OPEN_DRIVE", "MORNING", "MIDDAY", "AFTERNOON", "CLOSE", "AFTER_HOURS"]
}

/// BID or ASK: the side of a wall, a stack or absorption.
public enum QuoteSide: UInt8, StateEnum {
    case bid, ask
    public static let typeName = "BookSide"
    public static let names = ["BID", "ASK"]
}

public enum WallTier: UInt8, StateEnum {
    case major, minor
    public static let typeName = "WallTier"
    public static let names = ["MAJOR", "MINOR"]
}

public enum TapeVelocity: UInt8, StateEnum {
    case low, medium, high
    public static let typeName = "TapeVelocity"
    public static let names = ["LOW", "MEDIUM", "HIGH"]
}

public enum TapeSentiment: UInt8, StateEnum {
    case aggressiveBuying, aggressiveSelling, neutral
    public static let typeName = "TapeSentiment"
    public static let names = ["AGGRESSIVE_BUYING", "AGGRESSIVE_SELLING", "NEUTRAL"]
}

/// BUY or SELL: the aggressor of a print, or the side of an order.
public enum TradeSide: UInt8, StateEnum {
    case buy, sell
    public static let typeName = "TradeSide"
    public static let names = ["BUY", "SELL"]
}

public enum CVDTrend: UInt8, StateEnum {
    case rising, falling, flat
    public static let typeName = "CVDTrend"
    public static let names = ["RISING", "FALLING", "FLAT"]
}

public enum PriceVsPOC: UInt8, StateEnum {
    case above, below, atPOC
    public static let typeName = "PriceVsPOC"
    public static let names = ["ABOVE", "BELOW", "AT_POC"]
}

public enum HodLodLocation: UInt8, StateEnum {
    case testingHOD, testingLOD, nearHOD, nearLOD, midRange, breakout, breakdown
    public static let typeName = "HodLodLoc"
    public static let names = ["TESTING_HOD", "TESTING_LOD", "NEAR_HOD", "NEAR_LOD", "MID_RANGE", "BREAKOUT", "BREAKDOWN"]
}

public enum PositionSide: UInt8, StateEnum {
    case long, short
    public static let typeName = "PositionSide"
    public static let names = ["LONG", "SHORT"]
}

public enum OrderRole: UInt8, StateEnum {
    case entry, stop, target, exit
    public static let typeName = "OrderRole"
    public static let names = ["ENTRY", "STOP", "TARGET", "EXIT"]
}

public enum OrderType: UInt8, StateEnum {
    case limit, stop, market
    public static let typeName = "OrderType"
    public static let names = ["LMT", "STP", "MKT"]
}

public enum OrderStatus: UInt8, StateEnum {
    case pending, working, partiallyFilled
    public static let typeName = "OrderStatus"
    public static let names = ["PENDING", "WORKING", "PARTIALLY_FILLED"]
}

/// What became of a decision, in HISTORY.
public enum DecisionOutcome: UInt8, StateEnum {
    case executed, rejected, wait
    public static let typeName = "DecisionOutcome"
    public static let names = ["EXECUTED", "REJECTED", "WAIT"]
}
