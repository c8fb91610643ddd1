/// The recursive-descent reader behind `JSONParser`: one pass over the bytes, positions computed
/// as it goes (columns incrementally, so a long JSON Lines record stays linear).
struct JSONReader {
    let bytes: [UInt8]
    let fileName: String
    let maxDepth: Int
    var offset = 0
    var line = 1
    var lineStart = 0
    private var columnOffset = 0
    private var column = 1

    init(bytes: [UInt8], fileName: String, maxDepth: Int) {
        self.bytes = bytes
        self.fileName = fileName
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            offset = 3
            lineStart = 3
            columnOffset = 3
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if offset < bytes.count {
            throw error("expected the end of the input after the JSON value, found \(foundDescription())")
        }
        return value
    }

    // MARK: - Positions and errors

    /// The position of `offset`. Called with offsets that never decrease within a line.
    mutating func position() -> JSONPosition {
        if columnOffset < lineStart || columnOffset > offset {
            columnOffset = lineStart
            column = 1
        }
        while columnOffset < offset {
            if bytes[columnOffset] & 0xC0 != 0x80 { column += 1 }
            columnOffset += 1
        }
        return JSONPosition(line: line, column: column)
    }

    mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(fileName: fileName, position: position(), message: message)
    }

    /// What sits at `offset`, for "found …" in messages.
    func foundDescription() -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "'"):
            return "a single quote (JSON strings take double quotes)"
        case UInt8(ascii: "/")
        where offset + 1 < bytes.count && [UInt8(ascii: "/"), UInt8(ascii: "*")].contains(bytes[offset + 1]):
            return "a comment (JSON has no comments)"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            var end = offset
            while end < bytes.count, end - offset < 24, Self.isWordByte(bytes[end]) { end += 1 }
            return "'\(String(decoding: bytes[offset..<end], as: UTF8.self))'"
        case 0x21...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            guard let (scalar, _) = UTF8Validation.scalar(in: bytes, at: offset) else {
                return "the byte 0x\(Self.hex(UInt32(byte), digits: 2)), which is not UTF-8"
            }
            return "U+\(Self.hex(scalar.value, digits: 4))"
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    // MARK: - Values

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09:
                offset += 1
            case 0x0A:
                offset += 1
                newLine()
            case 0x0D:
                offset += 1
                if offset < bytes.count, bytes[offset] == 0x0A { offset += 1 }
                newLine()
            default:
                return
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = offset
        columnOffset = offset
        column = 1
    }

    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let start = position()
        guard let byte = peek() else {
            throw error("expected a JSON value, found the end of the input")
        }
        switch byte {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1, start: start)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1, start: start)
        case UInt8(ascii: "\""):
            return JSONValue(.string(try parseString(opening: start)), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), at: start)
        default:
            if consume("true") { return JSONValue(.bool(true), at: start) }
            if consume("false") { return JSONValue(.bool(false), at: start) }
            if consume("null") { return JSONValue(.null, at: start) }
            throw error("expected a JSON value, found \(foundDescription())")
        }
    }

    /// Consumes `literal` when the input continues with it as a whole word.
    private mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { buffer in
            buffer.indices.allSatisfy { bytes[offset + $0] == buffer[$0] }
        }
        guard matches, offset + count == bytes.count || !Self.isWordByte(bytes[offset + count]) else { return false }
        offset += count
        return true
    }

    private mutating func parseObject(depth: Int, start: JSONPosition) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw error("arrays and objects nest deeper than \(maxDepth) levels") }
        offset += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return JSONValue(.object([]), at: start)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                if peek() == UInt8(ascii: "}") {
                    throw error("expected a key in double quotes after ',', found '}' (JSON allows no trailing comma)")
                }
                let what = members.isEmpty ? "a key in double quotes or '}'" : "a key in double quotes"
                throw error("expected \(what), found \(foundDescription())")
            }
            let keyPosition = position()
            let key = try parseString(opening: keyPosition)
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error(
                    "expected ':' after the key \(JSONString.quoted(key, limit: 40)), found \(foundDescription())")
            }
            offset += 1
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return JSONValue(.object(members), at: start)
            case nil:
                throw error(
                    "expected ',' or '}' after an object member, found the end of the input (the object opened at \(start))"
                )
            default:
                throw error("expected ',' or '}' after an object member")
            }
        }
    }

    private mutating func parseArray(depth: Int, start: JSONPosition) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw error("arrays and objects nest deeper than \(maxDepth) levels") }
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return JSONValue(.array([]), at: start)
        }
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                throw error("expected a value after ',', found ']' (JSON allows no trailing comma)")
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return JSONValue(.array(elements), at: start)
            case nil:
                throw error(
                    "expected ',' or ']' after an array element, found the end of the input (the array opened at \(start))"
                )
            default:
                throw error("expected ',' or ']' after an array element")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let begin = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard let first = peek(), Self.isDigit(first) else {
            throw error("expected a digit after '-', found \(foundDescription())")
        }
        offset += 1
        if first == UInt8(ascii: "0"), let next = peek(), Self.isDigit(next) {
            offset = begin
            throw error("a JSON number cannot have a leading zero")
        }
        skipDigits()
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard let digit = peek(), Self.isDigit(digit) else {
                throw error("expected a digit after the decimal point, found \(foundDescription())")
            }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard let digit = peek(), Self.isDigit(digit) else {
                throw error("expected a digit in the exponent, found \(foundDescription())")
            }
            skipDigits()
        }
        return String(decoding: bytes[begin..<offset], as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { offset += 1 }
    }
}
