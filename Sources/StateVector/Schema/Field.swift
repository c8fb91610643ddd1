public import MarketData

/// Reads a value from a state. `index` is the element's position when the field belongs to the
/// elements of a list (`DOM_WALLS[index].price`), and is ignored otherwise. `nil` is JSON null.
public typealias FieldReader<Value> = @Sendable (_ state: StateVector, _ index: Int) -> Value?

/// One field of the state vector, declared once: its JSON key, type, nullability and how to read
/// it. The rule type checker, the JSON decoder and encoder and the prompt renderer all walk these.
public struct Field: Sendable {
    /// The JSON key, e.g. `L2_IMBALANCE` or, inside an element, `price`.
    public let name: String
    public let kind: Kind
    /// True when the field may be JSON null (FEATURES.md: "cannot be computed yet").
    public let nullable: Bool
    /// One line for the README and the prompt renderer.
    public let summary: String
    /// Decimals shown for a derived price (VWAP: 2, FEATURES.md "Rounding"); nil shows a price
    /// exactly (2 decimals, 4 when sub-penny). Rules always read the unrounded value.
    public let displayDecimals: Int?
    /// The most elements a list may hold (`StateLimits`); the decoder refuses a longer one. Nil
    /// for every kind but a list.
    public let maximumCount: Int?

    public enum Kind: Sendable {
        /// Dollars, fixed-point (shown with 2 decimals, 4 when sub-penny).
        case price(FieldReader<Price>)
        /// An amount of dollars, fixed-point (P&L).
        case money(FieldReader<Money>)
        /// A whole number: shares, counts, signed deltas.
        case integer(FieldReader<Int64>)
        /// A ratio, percentage or slope (shown with 2 decimals; rules read the unrounded value).
        case number(FieldReader<Double>)
        case bool(FieldReader<Bool>)
        case string(FieldReader<String>)
        /// One of `EnumType.values`; the reader returns the value's index.
        case enumeration(EnumType, FieldReader<Int>)
        /// A nested object with fixed keys, in this order.
        case object([Field])
        /// A JSON array of elements whose fields are `element`; `tuple` elements are written as
        /// positional arrays (`[price, size]`) instead of objects.
        case list(element: [Field], tuple: Bool, count: @Sendable (StateVector) -> Int)
    }

    public init(
        _ name: String, _ kind: Kind, nullable: Bool = false, displayDecimals: Int? = nil, maximumCount: Int? = nil,
        summary: String
    ) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
        self.displayDecimals = displayDecimals
        self.maximumCount = maximumCount
        self.summary = summary
    }

    /// The type's name as messages and docs spell it: `number`, `price`, `TapeSentiment`, `list`.
    public var typeName: String {
        switch kind {
        case .price: "price"
        case .money: "money"
        case .integer: "integer"
        case .number: "number"
        case .bool: "bool"
        case .string: "string"
        case .enumeration(let type, _): type.name
        case .object: "object"
        case .list: "list"
        }
    }

    /// True for the kinds rules can do arithmetic on.
    public var isNumeric: Bool {
        switch kind {
        case .price, .money, .integer, .number: true
        default: false
        }
    }

    /// Children of an object, or the fields of a list's elements.
    public var children: [Field] {
        switch kind {
        case .object(let fields): fields
        case .list(let element, _, _): element
        default: []
        }
    }

    /// A numeric reader as `Double` (prices in dollars), for rule evaluation; nil for non-numbers.
    public var numberReader: FieldReader<Double>? {
        switch kind {
        case .price(let read), .money(let read): { state, index in read(state, index)?.dollars }
        case .integer(let read): { state, index in read(state, index).map(Double.init) }
        case .number(let read): read
        default: nil
        }
    }
}
