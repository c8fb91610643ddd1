/// A request the test server received, for tests to assert what the client sent.
public struct CapturedRequest: Sendable {
    public let method: String
    /// The request target, e.g. `/api/chat`.
    public let path: String
    /// Header names lowercased, in arrival order.
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    /// How many requests its connection carried before it: 0 on a new connection, 1 and up on a
    /// kept-alive one.
    public let onConnection: Int

    public init(
        method: String, path: String, headers: [(name: String, value: String)], body: [UInt8], onConnection: Int = 0
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.onConnection = onConnection
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of a header (name matched case-insensitively).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }
}
