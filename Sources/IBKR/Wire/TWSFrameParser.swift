/// The framing of the TWS protocol as a pure function over bytes, shared by the NIO decoder and the
/// fuzz tests: a 4-byte big-endian length, then NUL-terminated ASCII fields.
public enum TWSFrameParser {
    /// The four bytes a client sends first, unframed.
    public static let helloPrefix: [UInt8] = [0x41, 0x50, 0x49, 0x00]

    /// What one step of parsing found.
    public enum Step: Equatable, Sendable {
        /// Not enough bytes yet for a whole frame.
        case needMoreData
        /// The client hello prefix `API\0` (4 bytes consumed).
        case helloPrefix
        /// A whole frame and how many bytes it used, length prefix included.
        case frame(TWSFrame, consumed: Int)
    }

    /// Parses the next unit at the start of `bytes`.
    /// - Parameters:
    ///   - expectingHelloPrefix: true on a server before the client's `API\0` arrived.
    ///   - raw: true for the one frame after the hello prefix, whose payload is a version string
    ///     without a NUL terminator.
    /// - Throws: `TWSProtocolError` for a wrong hello or a length above `TWSWire.maxFrameLength`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, expectingHelloPrefix: Bool) throws -> Step {
        if expectingHelloPrefix {
            let available = min(bytes.count, 4)
            for index in 0..<available where bytes[index] != helloPrefix[index] {
                throw TWSProtocolError.badHello(Array(bytes.prefix(available)))
            }
            return available == 4 ? .helloPrefix : .needMoreData
        }
        guard bytes.count >= 4 else { return .needMoreData }
        var length = 0
        for index in 0..<4 { length = length << 8 | Int(bytes[index]) }
        guard length <= TWSWire.maxFrameLength else { throw TWSProtocolError.frameTooLong(length) }
        guard bytes.count >= 4 + length else { return .needMoreData }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[4..<(4 + length)])
        return .frame(TWSFrame(fields: splitFields(payload)), consumed: 4 + length)
    }

    /// Splits a payload at NULs; the terminator after the last field does not start a new field,
    /// and a payload with no NUL at all (the version hello) is one field.
    public static func splitFields(_ payload: UnsafeRawBufferPointer) -> [String] {
        var fields: [String] = []
        var start = 0
        for index in 0..<payload.count where payload[index] == 0 {
            fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: payload[start..<index]), as: UTF8.self))
            start = index + 1
        }
        if start < payload.count {
            fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: payload[start...]), as: UTF8.self))
        }
        return fields
    }

    /// The bytes of one framed message: length, then each field followed by a NUL.
    public static func encode(_ frame: TWSFrame) -> [UInt8] {
        var payload: [UInt8] = []
        for field in frame.fields {
            payload.append(contentsOf: field.utf8.lazy.map { $0 == 0 ? 0x20 : $0 })
            payload.append(0)
        }
        return lengthPrefix(payload.count) + payload
    }

    /// The client hello: `API\0`, then the framed version text with no NUL.
    public static func encodeClientHello(_ versions: String) -> [UInt8] {
        let text = Array(versions.utf8)
        return helloPrefix + lengthPrefix(text.count) + text
    }

    private static func lengthPrefix(_ count: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: count >> 24), UInt8(truncatingIfNeeded: count >> 16),
         UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count)]
    }
}
