import StateVector

/// The static type of a rule sub-expression.
enum ValueType: Sendable {
    /// How a number is written and compared: prices compare at 1/10,000 of a dollar.
    enum Numeric: Sendable, Equatable {
        case integer, number, price
    }

    case number(Numeric)
    case bool
    case enumeration(EnumType)
    case string
    case list(ListAccess)
    case object(name: String, fields: [Field])
    /// `BID_STACK[0]`: only its fields can be read.
    case element(ListAccess, index: Int)
    /// An expression that already has an error: no further messages about it.
    case invalid

    init(field: Field, label: String, count: (@Sendable (StateVector) -> Int)? = nil) {
        switch field.kind {
        case .price, .money: self = .number(.price)
        case .integer: self = .number(.integer)
        case .number: self = .number(.number)
        case .bool: self = .bool
        case .string: self = .string
        case .enumeration(let type, _): self = .enumeration(type)
        case .object(let fields): self = .object(name: label, fields: fields)
        case .list(let element, _, let count): self = .list(ListAccess(label: label, element: element, count: count))
        }
    }

    /// How messages name the type: `a number`, `a price`, `a TapeSentiment value`.
    var phrase: String {
        switch self {
        case .number(.integer): "an integer"
        case .number(.number): "a number"
        case .number(.price): "a price"
        case .bool: "a condition (true/false)"
        case .enumeration(let type): "a \(type.name) value"
        case .string: "text"
        case .list: "a list"
        case .object: "an object"
        case .element: "a list element"
        case .invalid: "invalid"
        }
    }

    var numeric: Numeric? {
        if case .number(let kind) = self { return kind }
        return nil
    }

    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }
}

/// A list the rules can quantify over: `DOM_WALLS`, `FOOTPRINT_CURR_BAR.imbalances`.
struct ListAccess: Sendable {
    var label: String
    var element: [Field]
    var count: @Sendable (StateVector) -> Int
}

/// A field read: at the top level, in the current element of a quantifier, or at a fixed index.
struct FieldAccess: Sendable {
    enum Scope: Sendable {
        case top
        case element
        /// `BID_STACK[0].price`: null when the list is shorter.
        case fixed(index: Int, count: @Sendable (StateVector) -> Int)
    }

    var label: String
    var field: Field
    var scope: Scope
}
