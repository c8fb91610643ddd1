public import StateVector

/// The identifier we give an order, unique for the day and deterministic:
/// `<session>-<sequence>-<role>`, e.g. `GOOG-20120621-3-entry`. A broker that is handed an id it
/// already knows ignores the submission, so a retried submission never creates a second order.
/// (IBKR carries it in the order's `orderRef`; its numeric order id stays the adapter's business.)
public struct ClientOrderID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// `<session>-<sequence>-<role>` with the role in lower case (`entry`, `stop`, `target`, `exit`).
    public init(session: String, sequence: Int, role: OrderRole) {
        self.rawValue = "\(session)-\(sequence)-\(role.name.lowercased())"
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: ClientOrderID, rhs: ClientOrderID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
