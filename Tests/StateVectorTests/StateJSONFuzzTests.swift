import MarketData
import TestSupport
import Testing

@testable import StateVector

/// Thousands of random and mutated inputs: the parser and decoder must answer every one with a
/// value or a positioned error (a crash or hang fails the run), and whatever decodes must encode
/// and decode again to the same bytes.
@Suite struct StateJSONFuzzTests {
    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "0", "-", "1.5", "e", "E+", "true", "false",
            "null", " ",
            "\n", "\r", "\t", "\"MARKET_STATE\"", "\"LAST\"", "245.50", "1e999", "é", "😀", "'", "/", "//", "NaN",
        ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF]]

    @Test func randomBytesNeverCrashTheParser() {
        var random = SplitMix64(seed: 1)
        var parsed = 0
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            let count = Int.random(in: 0..<40, using: &random)
            for _ in 0..<count {
                if Bool.random(using: &random) {
                    bytes += Self.tokens.randomElement(using: &random) ?? []
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                }
            }
            do {
                _ = try JSONParser.parse(bytes, fileName: "f.json")
                parsed += 1
            } catch {
                #expect(error.position.line >= 1 && error.position.column >= 1)
                #expect(error.position.line <= bytes.count + 1 && error.position.column <= bytes.count + 1)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    @Test func mutatedSeedNeverCrashesTheDecoder() throws {
        let seed = try seedStateBytes()
        var random = SplitMix64(seed: 2)
        var outcomes = (decoded: 0, rejected: 0)
        // docs/RELIABILITY.md states this count and its time.
        for _ in 0..<100_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                Self.mutate(&bytes, using: &random)
            }
            do {
                let state = try StateVectorDecoder.decode(bytes, fileName: "m.json")
                outcomes.decoded += 1
                let text = StateVectorEncoder.encode(state, style: .compact)
                let again = try StateVectorDecoder.decode(Array(text.utf8), fileName: "again.json")
                #expect(StateVectorEncoder.encode(again, style: .compact) == text)
            } catch {
                outcomes.rejected += 1
                #expect(!error.problems.isEmpty)
                #expect(
                    error.problems.allSatisfy {
                        $0.position.line >= 1 && $0.position.column >= 1 && !$0.message.isEmpty
                    })
                #expect(error.problems.map(\.position) == error.problems.map(\.position).sorted())
            }
        }
        // Both paths must be exercised, or the fuzzing proves nothing.
        #expect(outcomes.decoded > 100)
        #expect(outcomes.rejected > 1000)
    }

    static func mutate(_ bytes: inout [UInt8], using random: inout SplitMix64) {
        guard !bytes.isEmpty else {
            bytes = tokens.randomElement(using: &random) ?? []
            return
        }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &random)))
        case 2: bytes.insert(contentsOf: tokens.randomElement(using: &random) ?? [], at: at)
        case 3:
            let end = min(bytes.count, at + Int.random(in: 1...60, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &random))
        case 4:
            // Change a digit: keeps the document valid more often, exercising numbers.
            if let digit = bytes[at...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                bytes[digit] = UInt8.random(in: 0x30...0x39, using: &random)
            }
        default:
            if let quote = bytes[at...].firstIndex(of: 0x22) { bytes.remove(at: quote) }
        }
    }

    @Test func hostileDocumentsStopAtTheProblemLimit() throws {
        let keys = (0..<5_000).map { "\"UNKNOWN_FIELD_NAME_\($0)\": 1" }.joined(separator: ",")
        // 100 walls, the most a list may hold, each of them wrong.
        let walls = Array(repeating: "7", count: StateLimits.domWalls).joined(separator: ",")
        for text in ["{\"MARKET_STATE\": {\(keys)}}", "{\"MARKET_STATE\": {\"DOM_WALLS\": [\(walls)]}}"] {
            do {
                _ = try StateVectorDecoder.decode(Array(text.utf8), fileName: "h.json")
                Issue.record("accepted a hostile document")
            } catch {
                #expect(error.problems.count == SchemaValidator.problemLimit + 1)
                #expect(
                    error.problems.last?.description.hasSuffix(
                        "error: stopped after 100 problems; fix these and run again") == true)
            }
        }
        // A longer list is one problem, however many of its elements are wrong: none is looked at.
        let many = Array(repeating: "7", count: 20_000).joined(separator: ",")
        let error = try #require(throws: StateDecodingError.self) {
            try StateVectorDecoder.decode(Array("{\"MARKET_STATE\": {\"DOM_WALLS\": [\(many)]}}".utf8), fileName: "h.json")
        }
        #expect(error.problems.filter { $0.path == "$.MARKET_STATE.DOM_WALLS" }.map(\.message) == [
            "20000 elements, more than the maximum of 100"
        ])
    }

    @Test func randomStatesEncodeAndDecodeStably() throws {
        var random = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let state = Self.randomState(using: &random)
            for style in [StateVectorEncoder.Style.pretty, .compact] {
                let text = StateVectorEncoder.encode(state, style: style)
                let decoded = try StateVectorDecoder.decode(Array(text.utf8), fileName: "r.json")
                #expect(StateVectorEncoder.encode(decoded, style: style) == text)
                // Everything but the 2-decimal numbers survives exactly.
                #expect(decoded.market.domWalls == state.market.domWalls)
                #expect(decoded.market.last == state.market.last)
                #expect(decoded.account == state.account)
                #expect(decoded.activeOrders == state.activeOrders)
                #expect(decoded.history == state.history)
            }
        }
    }

    @Test func randomStringsRoundTripThroughEscaping() throws {
        var random = SplitMix64(seed: 4)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<12, using: &random) {
                let value = UInt32.random(in: 0...(Bool.random(using: &random) ? 0x7F : 0x10FFFF), using: &random)
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
            let parsed = try JSONParser.parse(JSONString.quoted(text), fileName: "s.json")
            #expect(parsed.stringValue == text)
        }
    }

    static func randomState(using random: inout SplitMix64) -> StateVector {
        func price() -> Price { Price(raw: Int64.random(in: -10_000_000...100_000_000, using: &random)) }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random) ? make() : nil }
        func number() -> Double { Double.random(in: -1000...1000, using: &random) }
        func size() -> Int64 { Int64.random(in: 0...1_000_000, using: &random) }
        func pick<E: StateEnum>(_ type: E.Type) -> E {
            E.allCases.randomElement(using: &random) ?? E.allCases[E.allCases.startIndex]
        }
        var s = StateVector()
        s.market.ticker = ["GOOG", "TSLA", "A\"B\\C", "é😀", ""].randomElement(using: &random) ?? ""
        s.market.last = maybe(price)
        s.market.timeSession = pick(TimeSession.self)
        s.market.l2Imbalance = maybe(number)
        s.market.domWalls = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            DomWall(side: pick(QuoteSide.self), price: price(), size: size(), tier: pick(WallTier.self))
        }
        s.market.bidStack = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            StackLevel(price: price(), size: size())
        }
        s.market.tapeVelocityTPS = number()
        s.market.tapeDelta1s = Int64.random(in: Int64.min...Int64.max, using: &random)
        s.market.footprint.open = maybe(price)
        s.market.footprint.imbalances = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            FootprintImbalance(price: price(), bidVol: size(), askVol: size(), ratio: number())
        }
        s.market.hodLodLoc = maybe { pick(HodLodLocation.self) }
        s.market.distanceToLODPct = maybe(number)
        s.market.absorptionDetected = Bool.random(using: &random)
        s.account.position = size()
        s.account.positionSide = maybe { pick(PositionSide.self) }
        s.account.unrealizedPL = price()
        s.account.dailyPL = price()
        s.activeOrders = (0..<Int.random(in: 0...2, using: &random)).map { index in
            ActiveOrder(
                id: "o\(index)", role: pick(OrderRole.self), side: pick(TradeSide.self), type: pick(OrderType.self),
                price: maybe(price),
                qty: size(), status: pick(OrderStatus.self))
        }
        s.history = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            HistoryEntry(
                time: "10:00:00.000", command: "WAIT", outcome: pick(DecisionOutcome.self),
                reason: maybe { "why\n\"not\"" })
        }
        return s
    }
}
