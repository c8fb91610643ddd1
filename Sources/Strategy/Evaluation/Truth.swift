/// The outcome of a condition under three-valued logic: a condition that reads a null (a value
/// that cannot be computed yet) is `unknown`, and only `yes` passes (docs/RULES.md "Null").
public enum Truth: UInt8, Hashable, Sendable, CustomStringConvertible {
    case no = 0
    case yes = 1
    case unknown = 2

    @inlinable public init(_ value: Bool) { self = value ? .yes : .no }

    /// Kleene negation: not unknown is unknown.
    @inlinable public var negated: Truth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    public var description: String {
        switch self {
        case .yes: "true"
        case .no: "false"
        case .unknown: "unknown (reads null)"
        }
    }
}
