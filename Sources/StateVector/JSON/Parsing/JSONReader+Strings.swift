extension JSONReader {
    /// Reads the string whose opening quote is at `offset`, validating UTF-8 and escapes.
    mutating func parseString(opening: JSONPosition) throws(JSONSyntaxError) -> String {
        offset += 1
        var buffer: [UInt8] = []
        while true {
            guard offset < bytes.count else {
                throw error("unterminated string (it opened at \(opening))")
            }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0x00..<0x20:
                let hint =
                    byte == 0x0A || byte == 0x0D
                    ? "; strings cannot span lines (write \\n)"
                    : "; write it as \\u00\(Self.hex(UInt32(byte), digits: 2))"
                throw error("control character U+00\(Self.hex(UInt32(byte), digits: 2)) in a string\(hint)")
            case 0x20..<0x80:
                buffer.append(byte)
                offset += 1
            default:
                guard let (_, length) = UTF8Validation.scalar(in: bytes, at: offset) else {
                    throw error("invalid UTF-8 (byte 0x\(Self.hex(UInt32(byte), digits: 2))) in a string")
                }
                buffer.append(contentsOf: bytes[offset..<offset + length])
                offset += length
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        guard offset + 1 < bytes.count else {
            offset += 1
            throw error("unterminated string: expected an escape after '\\', found the end of the input")
        }
        let escaped = bytes[offset + 1]
        let simple: UInt8? =
            switch escaped {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            buffer.append(simple)
            offset += 2
            return
        }
        guard escaped == UInt8(ascii: "u") else {
            throw error("invalid escape in a string; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        var value = try hexQuad()
        if (0xDC00...0xDFFF).contains(value) {
            offset -= 6
            throw error("\\u\(Self.hex(value, digits: 4)) is a low surrogate without a high surrogate before it")
        }
        if (0xD800...0xDBFF).contains(value) {
            let high = value
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
            else {
                offset -= 6
                throw error(
                    "\\u\(Self.hex(high, digits: 4)) is a high surrogate without a low surrogate \\uDC00-\\uDFFF after it"
                )
            }
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                offset -= 12
                throw error(
                    "\\u\(Self.hex(high, digits: 4)) is a high surrogate without a low surrogate \\uDC00-\\uDFFF after it"
                )
            }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("\\u escape is not a Unicode scalar")
        }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Reads `\uXXXX` at `offset` (the backslash) and moves past it.
    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for index in 2..<6 {
            guard offset + index < bytes.count, let digit = Self.hexDigit(bytes[offset + index]) else {
                throw error("expected four hexadecimal digits after \\u")
            }
            value = value << 4 | digit
        }
        offset += 6
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
