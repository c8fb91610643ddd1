/// A violation of the TWS wire protocol by the peer: bad framing, an unknown layout, a field that
/// does not parse. The message says which message and field, so a log line is enough to act on.
public struct TWSProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "TWS protocol error: \(message)" }

    static func frameTooLong(_ length: Int) -> TWSProtocolError {
        TWSProtocolError(
            "a frame announces \(length) bytes, more than the protocol maximum of \(TWSWire.maxFrameLength); "
                + "the peer does not speak the TWS API (is the port right?)")
    }

    static func badHello(_ bytes: [UInt8]) -> TWSProtocolError {
        let shown = bytes.map { $0 >= 32 && $0 < 127 ? String(UnicodeScalar($0)) : "\\x\(String($0, radix: 16))" }
        return TWSProtocolError("expected the client hello `API\\0`, got `\(shown.joined())`")
    }

    static func field(_ messageID: Int, _ index: Int, expected: String, got: String?) -> TWSProtocolError {
        let shown = got.map { "'\($0.prefix(40))'" } ?? "the end of the message"
        return TWSProtocolError("message \(messageID) field \(index): expected \(expected), got \(shown)")
    }
}
