public import MarketData

/// A value a condition read while it was evaluated, for reports such as
/// `DOM_WALLS[0].price = 247.00`.
public struct Reading: Hashable, Sendable, CustomStringConvertible {
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case price(Price)
        case integer(Int64)
        case number(Double)
        case bool(Bool)
        /// An enum value's name or a text field.
        case text(String)
        case null

        public var description: String {
            switch self {
            case .price(let price): price.display
            case .integer(let value): String(value)
            case .number(let value): Self.format(value)
            case .bool(let value): value ? "true" : "false"
            case .text(let text): text
            case .null: "null"
            }
        }

        /// Up to 4 decimals, trailing zeros dropped (`2.1`, `0.611`, `-0.1019`).
        static func format(_ value: Double) -> String {
            guard value.isFinite else { return "\(value)" }
            let scaled = (value * 10_000).rounded(.toNearestOrAwayFromZero)
            guard abs(scaled) < 9e15 else { return "\(value)" }
            var text = Price(raw: Int64(scaled)).formatted(decimals: 4)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text == "-0" ? "0" : text
        }
    }

    /// The expression as written in the rule: `L2_IMBALANCE`, `price`, `pct_from_last(price)`.
    public let expression: String
    /// The list element the expression was read in, e.g. `DOM_WALLS[0]`; nil at the top level.
    public let element: String?
    public let value: Value

    public init(expression: String, element: String? = nil, value: Value) {
        self.expression = expression
        self.element = element
        self.value = value
    }

    /// `L2_IMBALANCE = 2.1`, `DOM_WALLS[0].side = ASK`, `DOM_WALLS[0]: pct_from_last(price) = 0.611`.
    public var description: String {
        guard let element else { return "\(expression) = \(value)" }
        let plain = expression.unicodeScalars.allSatisfy {
            $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
        return plain ? "\(element).\(expression) = \(value)" : "\(element): \(expression) = \(value)"
    }
}
