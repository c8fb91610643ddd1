import Testing

@testable import StateVector

@Suite struct JSONParserTests {
    @Test func keepsOrderPositionsDuplicatesAndNumberText() throws {
        let text = "{\n  \"b\": 245.50,\n  \"a\": [true, null, -0.0, 1E+2],\n  \"b\": \"x\"\n}"
        let value = try JSONParser.parse(text, fileName: "t.json")
        let members = try #require(value.objectMembers)
        #expect(members.map(\.key) == ["b", "a", "b"])
        #expect(
            members.map(\.keyPosition) == [
                JSONPosition(line: 2, column: 3), JSONPosition(line: 3, column: 3), JSONPosition(line: 4, column: 3),
            ])
        #expect(members[0].value == JSONValue(.number("245.50"), at: JSONPosition(line: 2, column: 8)))
        let array = try #require(members[1].value.arrayValue)
        #expect(array.map(\.kind) == [.bool(true), .null, .number("-0.0"), .number("1E+2")])
        #expect(array.map(\.position.column) == [9, 15, 21, 27])
        #expect(value["b"]?.numberText == "245.50")
        #expect(value["a"]?[3]?.doubleValue == 100)
        #expect(value.position == JSONPosition(line: 1, column: 1))
    }

    @Test func decodesStringsAndEscapes() throws {
        let text = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "é😀", ""]"#
        let value = try JSONParser.parse(text, fileName: "t.json")
        #expect(value.arrayValue?.compactMap(\.stringValue) == ["a\"b\\c/d\u{08}\u{0C}\n\r\t", "é😀", "é😀", ""])
    }

    @Test func skipsByteOrderMarkAndCountsColumnsInCharacters() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"é\": 1}".utf8), fileName: "t.json")
        #expect(value.objectMembers?.first?.value.position == JSONPosition(line: 1, column: 7))
        #expect(
            throws: JSONSyntaxError(
                fileName: "t.json", position: JSONPosition(line: 1, column: 7),
                message: "expected a JSON value, found 'x'")
        ) {
            try JSONParser.parse("{\"é\": x}", fileName: "t.json")
        }
    }

    static let syntaxErrors: [(String, String)] = [
        ("{\"a\": 1 \"b\": 2}", "t.json:1:9: error: expected ',' or '}' after an object member"),
        (
            "[1, 2",
            "t.json:1:6: error: expected ',' or ']' after an array element, found the end of the input (the array opened at 1:1)"
        ),
        (
            "{\"a\": 1",
            "t.json:1:8: error: expected ',' or '}' after an object member, found the end of the input (the object opened at 1:1)"
        ),
        ("[1 2]", "t.json:1:4: error: expected ',' or ']' after an array element"),
        (
            "{\"a\": 1,}",
            "t.json:1:9: error: expected a key in double quotes after ',', found '}' (JSON allows no trailing comma)"
        ),
        ("[1,]", "t.json:1:4: error: expected a value after ',', found ']' (JSON allows no trailing comma)"),
        (
            "{'a': 1}",
            "t.json:1:2: error: expected a key in double quotes or '}', found a single quote (JSON strings take double quotes)"
        ),
        ("{\"a\": 1, b: 2}", "t.json:1:10: error: expected a key in double quotes, found 'b'"),
        ("{\"a\" 1}", "t.json:1:6: error: expected ':' after the key \"a\", found '1'"),
        ("{\"a\": True}", "t.json:1:7: error: expected a JSON value, found 'True'"),
        ("[NaN]", "t.json:1:2: error: expected a JSON value, found 'NaN'"),
        ("[+1]", "t.json:1:2: error: expected a JSON value, found '+'"),
        ("[.5]", "t.json:1:2: error: expected a JSON value, found '.'"),
        ("{\"a\": 01}", "t.json:1:7: error: a JSON number cannot have a leading zero"),
        ("{\"a\": 1.}", "t.json:1:9: error: expected a digit after the decimal point, found '}'"),
        ("{\"a\": -}", "t.json:1:8: error: expected a digit after '-', found '}'"),
        ("{\"a\": 1e}", "t.json:1:9: error: expected a digit in the exponent, found '}'"),
        ("\"abc", "t.json:1:5: error: unterminated string (it opened at 1:1)"),
        (#""a\qb""#, #"t.json:1:3: error: invalid escape in a string; the escapes are \" \\ \/ \b \f \n \r \t \uXXXX"#),
        (
            #""\uD83D""#,
            #"t.json:1:2: error: \uD83D is a high surrogate without a low surrogate \uDC00-\uDFFF after it"#
        ),
        (
            #""\uD83Dx\uDE00""#,
            #"t.json:1:2: error: \uD83D is a high surrogate without a low surrogate \uDC00-\uDFFF after it"#
        ),
        (
            #""\uD83D\u0041""#,
            #"t.json:1:2: error: \uD83D is a high surrogate without a low surrogate \uDC00-\uDFFF after it"#
        ),
        (#""ab\uDE00""#, #"t.json:1:4: error: \uDE00 is a low surrogate without a high surrogate before it"#),
        (#""\u12G4""#, #"t.json:1:2: error: expected four hexadecimal digits after \u"#),
        ("\"a\nb\"", #"t.json:1:3: error: control character U+000A in a string; strings cannot span lines (write \n)"#),
        ("\"a\u{01}\"", #"t.json:1:3: error: control character U+0001 in a string; write it as \u0001"#),
        ("{\"a\": 1} x", "t.json:1:10: error: expected the end of the input after the JSON value, found 'x'"),
        ("", "t.json:1:1: error: expected a JSON value, found the end of the input"),
        ("   \n  ", "t.json:2:3: error: expected a JSON value, found the end of the input"),
        ("// note\n{}", "t.json:1:1: error: expected a JSON value, found a comment (JSON has no comments)"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", "t.json:3:3: error: expected ',' or '}' after an object member"),
        ("{\r\n\"a\":x}", "t.json:2:5: error: expected a JSON value, found 'x'"),
        ("[1]\r\r[", "t.json:3:1: error: expected the end of the input after the JSON value, found '['"),
        ("[tru]", "t.json:1:2: error: expected a JSON value, found 'tru'"),
        ("[nullx]", "t.json:1:2: error: expected a JSON value, found 'nullx'"),
        ("[é]", "t.json:1:2: error: expected a JSON value, found U+00E9"),
    ]

    @Test(arguments: syntaxErrors)
    func reportsSyntaxErrorsPrecisely(input: String, message: String) {
        #expect(throws: (any Error).self) { try JSONParser.parse(input, fileName: "t.json") }
        do {
            _ = try JSONParser.parse(input, fileName: "t.json")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func rejectsInvalidUTF8() {
        for (bytes, message) in [
            ([0x22, 0xFF, 0x22], "t.json:1:2: error: invalid UTF-8 (byte 0xFF) in a string"),
            ([0x22, 0xC0, 0xAF, 0x22], "t.json:1:2: error: invalid UTF-8 (byte 0xC0) in a string"),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "t.json:1:2: error: invalid UTF-8 (byte 0xED) in a string"),
            ([0x22, 0xE2, 0x82], "t.json:1:2: error: invalid UTF-8 (byte 0xE2) in a string"),
            ([0x5B, 0xFE, 0x5D], "t.json:1:2: error: expected a JSON value, found the byte 0xFE, which is not UTF-8"),
        ] as [([UInt8], String)] {
            do {
                _ = try JSONParser.parse(bytes, fileName: "t.json")
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 100_000)
        do {
            _ = try JSONParser.parse(deep, fileName: "t.json")
            Issue.record("accepted 100000 open brackets")
        } catch {
            #expect(error.description == "t.json:1:129: error: arrays and objects nest deeper than 128 levels")
        }
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(throws: Never.self) { try JSONParser.parse(ok, fileName: "t.json") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(ok, fileName: "t.json", maxDepth: 127) }
    }

    @Test func writesCompactTextThatParsesBack() throws {
        let text = "{ \"b\": [1.50, -2e3, true, null],\n \"a\": \"x\\\"y\\n\u{E9}\", \"b\": {} }"
        let value = try JSONParser.parse(text, fileName: "t.json")
        #expect(value.compactText == #"{"b":[1.50,-2e3,true,null],"a":"x\"y\né","b":{}}"#)
        #expect(try JSONParser.parse(value.compactText, fileName: "t.json").compactText == value.compactText)
        #expect("\(value)" == value.compactText)
    }

    @Test func acceptsScalarsAtTheTop() throws {
        #expect(try JSONParser.parse(" 42 ", fileName: "t.json").numberText == "42")
        #expect(try JSONParser.parse("\"x\"", fileName: "t.json").stringValue == "x")
        #expect(try JSONParser.parse("null", fileName: "t.json").isNull)
        #expect(try JSONParser.parse("false", fileName: "t.json").boolValue == false)
    }
}
