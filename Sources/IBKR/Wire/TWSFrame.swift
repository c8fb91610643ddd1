/// One message of the TWS text protocol: NUL-separated ASCII fields, field 0 the message id.
public struct TWSFrame: Hashable, Sendable, CustomStringConvertible {
    public var fields: [String]

    @inlinable public init(fields: [String]) { self.fields = fields }

    /// The message id (field 0), nil when absent or not a number.
    public var messageID: Int? { fields.first.flatMap { Int($0) } }

    /// Fields joined by `|`, the notation of TWS-PROTOCOL.md, for logs and errors.
    public var description: String { fields.joined(separator: "|") }
}

/// What the frame encoder writes: a framed message, or the client's opening hello.
public enum TWSOutboundFrame: Sendable {
    case frame(TWSFrame)
    /// `API\0`, then the framed version range (e.g. `v100..178`) without a NUL.
    case clientHello(String)
}
