import Testing

@testable import StateVector

/// Every kind of mistake in a state document, asserted by exact message text. Each case edits the
/// seed example (Tests/Fixtures/seed-state.json) in one place.
@Suite struct StateDecodingErrorTests {
    static let cases: [(String, [(String, String)], [String])] = [
        (
            "type mismatch", [("\"L2_IMBALANCE\": 2.1", "\"L2_IMBALANCE\": \"high\"")],
            ["seed.json:9:21: error: $.MARKET_STATE.L2_IMBALANCE: expected a number, found \"high\""]
        ),
        (
            "fraction for an integer", [("\"DAILY_TRADES\": 3", "\"DAILY_TRADES\": 2.5")],
            ["seed.json:71:21: error: $.ACCOUNT_STATE.DAILY_TRADES: expected an integer, found 2.5"]
        ),
        (
            "price with 5 decimals", [("\"LAST\": 245.50", "\"LAST\": 245.12345")],
            ["seed.json:4:13: error: $.MARKET_STATE.LAST: expected a price with at most 4 decimals, found 245.12345"]
        ),
        (
            "money with 5 decimals", [("\"DAILY_PL\": 150.00", "\"DAILY_PL\": 150.00001")],
            [
                "seed.json:70:17: error: $.ACCOUNT_STATE.DAILY_PL: expected an amount of money with at most 4 decimals, found 150.00001"
            ]
        ),
        (
            "unknown enum value", [("\"AGGRESSIVE_BUYING\"", "\"BULLISH\"")],
            [
                "seed.json:21:23: error: $.MARKET_STATE.TAPE_SENTIMENT: expected one of AGGRESSIVE_BUYING, AGGRESSIVE_SELLING, NEUTRAL, found \"BULLISH\""
            ]
        ),
        (
            "misspelled enum value", [("\"AGGRESSIVE_BUYING\"", "\"AGGRESIVE_BUYING\"")],
            [
                "seed.json:21:23: error: $.MARKET_STATE.TAPE_SENTIMENT: expected one of AGGRESSIVE_BUYING, AGGRESSIVE_SELLING, NEUTRAL, found \"AGGRESIVE_BUYING\"; did you mean \"AGGRESSIVE_BUYING\"?"
            ]
        ),
        (
            "enum value in lower case", [("\"TAPE_VELOCITY\": \"HIGH\"", "\"TAPE_VELOCITY\": \"high\"")],
            [
                "seed.json:19:22: error: $.MARKET_STATE.TAPE_VELOCITY: expected one of LOW, MEDIUM, HIGH, found \"high\"; did you mean \"HIGH\"?"
            ]
        ),
        (
            "misspelled key", [("\"L2_IMBALANCE\": 2.1", "\"L2_IMBALANCEE\": 2.1")],
            ["seed.json:9:5: error: $.MARKET_STATE.L2_IMBALANCEE: unknown key; did you mean \"L2_IMBALANCE\"?"]
        ),
        (
            "key that is not an identifier", [("\"L2_IMBALANCE\": 2.1", "\"L2 IMBALANCE\": 2.1")],
            ["seed.json:9:5: error: $.MARKET_STATE[\"L2 IMBALANCE\"]: unknown key; did you mean \"L2_IMBALANCE\"?"]
        ),
        (
            "key in the wrong section", [("\"TICKER\": \"TSLA\"", "\"POSITION\": 0, \"TICKER\": \"TSLA\"")],
            ["seed.json:3:5: error: $.MARKET_STATE.POSITION: unknown key here; POSITION belongs in $.ACCOUNT_STATE"]
        ),
        (
            "unknown key", [("{\"side\": \"ASK\"", "{\"colour\": \"red\", \"side\": \"ASK\"")],
            [
                "seed.json:12:8: error: $.MARKET_STATE.DOM_WALLS[0].colour: unknown key; expected one of side, price, size, tier"
            ]
        ),
        (
            "duplicate key", [("\"VWAP\": 245.10,", "\"VWAP\": 245.10, \"LAST\": 245.51,")],
            ["seed.json:5:21: error: $.MARKET_STATE.LAST: duplicate key (first at 4:5)"]
        ),
        (
            "repeated unknown key", [("\"VWAP\": 245.10,", "\"VWAPP\": 245.10, \"VWAPP\": 245.10,")],
            [
                "seed.json:5:5: error: $.MARKET_STATE.VWAPP: unknown key; did you mean \"VWAP\"?",
                "seed.json:5:22: error: $.MARKET_STATE.VWAPP: duplicate key (first at 5:5)",
            ]
        ),
        (
            "missing key", [("    \"TICKER\": \"TSLA\",\n", "")],
            ["seed.json:2:19: error: $.MARKET_STATE: missing key \"TICKER\" (a string)"]
        ),
        (
            "null where a value is required", [("\"TAPE_DELTA_1S\": 1250", "\"TAPE_DELTA_1S\": null")],
            [
                "seed.json:22:22: error: $.MARKET_STATE.TAPE_DELTA_1S: expected an integer, found null; this field cannot be null"
            ]
        ),
        (
            "pair of the wrong length", [("[[245.48, 150]", "[[245.48, 150, 1]")],
            ["seed.json:15:19: error: $.MARKET_STATE.BID_STACK[0]: expected [price, size], found an array of 3 values"]
        ),
        (
            "pair element of the wrong type", [("[[245.48, 150]", "[[245.48, \"150\"]")],
            ["seed.json:15:28: error: $.MARKET_STATE.BID_STACK[0][1]: expected an integer, found \"150\""]
        ),
        (
            "object where an array belongs", [("\"ACTIVE_ORDERS\": []", "\"ACTIVE_ORDERS\": {}")],
            ["seed.json:73:20: error: $.ACTIVE_ORDERS: expected an array, found an object"]
        ),
        (
            "integer out of range", [("\"CVD_SESSION\": 125000", "\"CVD_SESSION\": 1e30")],
            [
                "seed.json:42:20: error: $.MARKET_STATE.CVD_SESSION: expected an integer, found 1e30, which is out of range"
            ]
        ),
        (
            "number out of range", [("\"RVOL_DAY\": 2.8", "\"RVOL_DAY\": 1e400")],
            ["seed.json:58:17: error: $.MARKET_STATE.RVOL_DAY: expected a number, found 1e400, which is out of range"]
        ),
        (
            "string for a bool", [("\"ABSORPTION_DETECTED\": false", "\"ABSORPTION_DETECTED\": \"false\"")],
            ["seed.json:61:28: error: $.MARKET_STATE.ABSORPTION_DETECTED: expected true or false, found \"false\""]
        ),
        (
            "number for a string", [("\"TICKER\": \"TSLA\"", "\"TICKER\": 42")],
            ["seed.json:3:15: error: $.MARKET_STATE.TICKER: expected a string, found 42"]
        ),
        (
            "nested element field", [("\"ratio\": 4.8", "\"ratio\": \"x\"")],
            [
                "seed.json:39:68: error: $.MARKET_STATE.FOOTPRINT_CURR_BAR.imbalances[0].ratio: expected a number, found \"x\""
            ]
        ),
        (
            "fraction in a list element", [("\"secs_ago\": 12", "\"secs_ago\": 1.5")],
            ["seed.json:25:65: error: $.MARKET_STATE.LARGE_PRINTS_1M[0].secs_ago: expected an integer, found 1.5"]
        ),
        (
            "missing section", [("\"ACCOUNT_STATE\"", "\"ACCOUNT\"")],
            [
                "seed.json:1:1: error: $: missing key \"ACCOUNT_STATE\" (an object)",
                "seed.json:65:3: error: $.ACCOUNT: unknown key; expected one of MARKET_STATE, ACCOUNT_STATE, ACTIVE_ORDERS, HISTORY",
            ]
        ),
        (
            "syntax error", [("\"LAST\": 245.50,", "\"LAST\": 245.50")],
            ["seed.json:5:5: error: expected ',' or '}' after an object member"]
        ),
        (
            "every problem at once, in document order",
            [
                ("\"DAILY_TRADES\": 3", "\"DAILY_TRADES\": 2.5"),
                ("\"L2_IMBALANCE\": 2.1", "\"L2_IMBALANCE\": \"high\""),
                ("\"SPREAD\": 0.02", "\"SPRED\": 0.02"),
            ],
            [
                "seed.json:9:21: error: $.MARKET_STATE.L2_IMBALANCE: expected a number, found \"high\"",
                "seed.json:10:5: error: $.MARKET_STATE.SPRED: unknown key; did you mean \"SPREAD\"?",
                "seed.json:71:21: error: $.ACCOUNT_STATE.DAILY_TRADES: expected an integer, found 2.5",
            ]
        ),
    ]

    @Test(arguments: cases)
    func reportsExactly(name: String, edits: [(String, String)], expected: [String]) throws {
        var text = String(decoding: try seedStateBytes(), as: UTF8.self)
        for (old, new) in edits {
            let parts = text.components(separatedBy: old)
            try #require(parts.count == 2, "\(name): \(old) must occur once")
            text = parts.joined(separator: new)
        }
        do {
            _ = try StateVectorDecoder.decode(Array(text.utf8), fileName: "seed.json")
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.problems.map(\.description) == expected, "\(name)")
            #expect(error.description == expected.joined(separator: "\n"))
        }
    }

    @Test func rootMustBeAnObject() {
        #expect(
            throws: StateDecodingError(problems: [
                StateDecodingProblem(
                    fileName: "t.json", position: JSONPosition(line: 1, column: 1), path: "$",
                    message: "expected an object, found an array")
            ])
        ) {
            try StateVectorDecoder.decode(Array("[]".utf8), fileName: "t.json")
        }
    }

    @Test func rendersSourceLineAndCaret() {
        let source = Array("{\"MARKET_STATE\": 1,\n\t\"ACCOUNT_STATE\": {}, \"ACTIVE_ORDERS\": []}".utf8)
        do {
            _ = try StateVectorDecoder.decode(source, fileName: "t.json")
            Issue.record("accepted")
        } catch {
            let lines = error.rendered(source: source).components(separatedBy: "\n")
            #expect(lines[0] == "t.json:1:18: error: $.MARKET_STATE: expected an object, found 1")
            #expect(lines[1] == "{\"MARKET_STATE\": 1,")
            #expect(lines[2] == String(repeating: " ", count: 17) + "^")
            #expect(lines[3] == "t.json:2:19: error: $.ACCOUNT_STATE: missing key \"POSITION\" (an integer)")
            #expect(lines[4] == "\t\"ACCOUNT_STATE\": {}, \"ACTIVE_ORDERS\": []}")
            #expect(lines[5] == "\t                 ^")
        }
    }

    @Test func caretIgnoresAByteOrderMark() {
        let source: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[]".utf8)
        do {
            _ = try StateVectorDecoder.decode(source, fileName: "t.json")
            Issue.record("accepted")
        } catch {
            #expect(error.rendered(source: source) == "t.json:1:1: error: $: expected an object, found an array\n[]\n^")
        }
    }
}
