import Foundation
import MarketData
import Testing

@testable import StateVector

@Suite struct StateVectorEncoderTests {
    /// The seed example as the encoder writes it: the seed's text, except ratios and percentages
    /// with 2 decimals, UNREALIZED_PL 0.00, DISTANCE_TO_LOD_PCT added and blank lines without
    /// trailing spaces.
    static let seedEncoded = """
        {
          "MARKET_STATE": {
            "TICKER": "TSLA",
            "LAST": 245.50,
            "VWAP": 245.10,
            "TIME_SESSION": "OPEN_DRIVE",

            "// Level 2 (DOM) Analysis": "---",
            "L2_IMBALANCE": 2.10,
            "SPREAD": 0.02,
            "DOM_WALLS": [
              {"side": "ASK", "price": 247.00, "size": 3500, "tier": "MAJOR"},
              {"side": "BID", "price": 244.50, "size": 2100, "tier": "MINOR"}
            ],
            "BID_STACK": [[245.48, 150], [245.46, 200], [245.44, 180]],
            "ASK_STACK": [[245.50, 120], [245.52, 180], [245.54, 250]],

            "// Tape (Time & Sales) Analysis": "---",
            "TAPE_VELOCITY": "HIGH",
            "TAPE_VELOCITY_TPS": 42.50,
            "TAPE_SENTIMENT": "AGGRESSIVE_BUYING",
            "TAPE_DELTA_1S": 1250,
            "TAPE_DELTA_5S": 4800,
            "LARGE_PRINTS_1M": [
              {"price": 245.48, "size": 500, "side": "BUY", "secs_ago": 12}
            ],

            "// Footprint / Delta Analysis": "---",
            "FOOTPRINT_CURR_BAR": {
              "open": 245.30,
              "high": 245.55,
              "low": 245.25,
              "close": 245.50,
              "delta": 2800,
              "volume": 15000,
              "delta_pct": 18.70,
              "poc": 245.45,
              "imbalances": [
                {"price": 245.50, "bid_vol": 120, "ask_vol": 580, "ratio": 4.80}
              ]
            },
            "CVD_SESSION": 125000,
            "CVD_TREND": "RISING",
            "CVD_SLOPE_5M": 0.85,

            "// Volume Profile (Session)": "---",
            "VP_POC": 244.80,
            "VP_VAH": 246.20,
            "VP_VAL": 243.50,
            "VP_DEVELOPING_POC": 245.30,
            "PRICE_VS_POC": "ABOVE",

            "// Key Levels": "---",
            "HOD": 245.80,
            "LOD": 241.20,
            "HOD_LOD_LOC": "TESTING_HOD",
            "DISTANCE_TO_HOD_PCT": 0.12,
            "DISTANCE_TO_LOD_PCT": null,
            "RVOL_DAY": 2.80,

            "// Absorption Detection": "---",
            "ABSORPTION_DETECTED": false,
            "ABSORPTION_SIDE": null,
            "ABSORPTION_PRICE": null
          },
          "ACCOUNT_STATE": {
            "POSITION": 0,
            "POSITION_SIDE": null,
            "AVG_ENTRY": null,
            "UNREALIZED_PL": 0.00,
            "DAILY_PL": 150.00,
            "DAILY_TRADES": 3
          },
          "ACTIVE_ORDERS": []
        }
        """

    @Test func seedExampleEncodesInTheSeedsShape() throws {
        let state = try StateVectorDecoder.decode(try seedStateBytes(), fileName: "seed-state.json")
        #expect(StateVectorEncoder.encode(state) == Self.seedEncoded)
        // Apart from number formatting and the added field, the text is the seed's own.
        var seed = String(decoding: try seedStateBytes(), as: UTF8.self)
        for (old, new) in [
            ("    \n", "\n"), (": 2.1,", ": 2.10,"), (": 42.5,", ": 42.50,"), (": 18.7,", ": 18.70,"),
            (": 4.8}", ": 4.80}"),
            (": 2.8,", ": 2.80,"), (": 0.0,", ": 0.00,"),
            (
                "\"DISTANCE_TO_HOD_PCT\": 0.12,\n",
                "\"DISTANCE_TO_HOD_PCT\": 0.12,\n    \"DISTANCE_TO_LOD_PCT\": null,\n"
            ),
        ] {
            #expect(seed.contains(old))
            seed = seed.replacingOccurrences(of: old, with: new)
        }
        #expect(seed == Self.seedEncoded + "\n")
    }

    /// A small state with orders, history, sub-penny prices and rounding, written compactly.
    static func smallState() -> StateVector {
        var state = StateVector()
        state.market.ticker = "GOOG"
        state.market.last = Price(raw: 5_801_234)
        state.market.timeSession = .midday
        state.market.l2Imbalance = 1.005
        state.market.tapeVelocityTPS = 0.125
        state.market.cvdSlope5m = -0.1019
        state.market.distanceToHODPct = -0.004
        state.market.bidStack = [StackLevel(price: Price(cents: 580_10), size: 300)]
        state.market.footprint.imbalances = [
            FootprintImbalance(price: Price(cents: 580_11), bidVol: 0, askVol: 400, ratio: 400)
        ]
        state.market.rvolDay = .nan
        state.account.position = 100
        state.account.positionSide = .long
        state.account.avgEntry = Price(cents: 580_00)
        state.account.unrealizedPL = Price(raw: 123_456)
        state.account.dailyPL = Price(cents: -4_25)
        state.activeOrders = [
            ActiveOrder(
                id: "o-1", role: .stop, side: .sell, type: .stop, price: Price(cents: 579_80), qty: 100,
                status: .working),
            ActiveOrder(id: "o\"2", role: .exit, side: .sell, type: .market, price: nil, qty: 100, status: .pending),
        ]
        state.history = [HistoryEntry(time: "12:00:01.500", command: "ENTER_LONG 580.00", outcome: .executed)]
        return state
    }

    @Test func smallStateGoldenCompact() {
        let expected =
            #"{"MARKET_STATE":{"TICKER":"GOOG","LAST":580.1234,"VWAP":null,"TIME_SESSION":"MIDDAY","// Level 2 (DOM) Analysis":"---","#
            + #""L2_IMBALANCE":1.01,"SPREAD":null,"DOM_WALLS":[],"BID_STACK":[[580.10,300]],"ASK_STACK":[],"#
            + #""// Tape (Time & Sales) Analysis":"---","TAPE_VELOCITY":"LOW","TAPE_VELOCITY_TPS":0.13,"TAPE_SENTIMENT":"NEUTRAL","#
            + #""TAPE_DELTA_1S":0,"TAPE_DELTA_5S":0,"LARGE_PRINTS_1M":[],"// Footprint / Delta Analysis":"---","#
            + #""FOOTPRINT_CURR_BAR":{"open":null,"high":null,"low":null,"close":null,"delta":0,"volume":0,"delta_pct":null,"#
            + #""poc":null,"imbalances":[{"price":580.11,"bid_vol":0,"ask_vol":400,"ratio":400.00}]},"CVD_SESSION":0,"#
            + #""CVD_TREND":"FLAT","CVD_SLOPE_5M":-0.10,"// Volume Profile (Session)":"---","VP_POC":null,"VP_VAH":null,"#
            + #""VP_VAL":null,"VP_DEVELOPING_POC":null,"PRICE_VS_POC":null,"// Key Levels":"---","HOD":null,"LOD":null,"#
            + #""HOD_LOD_LOC":null,"DISTANCE_TO_HOD_PCT":0.00,"DISTANCE_TO_LOD_PCT":null,"RVOL_DAY":null,"#
            + #""// Absorption Detection":"---","ABSORPTION_DETECTED":false,"ABSORPTION_SIDE":null,"ABSORPTION_PRICE":null},"#
            + #""ACCOUNT_STATE":{"POSITION":100,"POSITION_SIDE":"LONG","AVG_ENTRY":580.00,"UNREALIZED_PL":12.3456,"#
            + #""DAILY_PL":-4.25,"DAILY_TRADES":0},"ACTIVE_ORDERS":[{"id":"o-1","role":"STOP","side":"SELL","type":"STP","#
            + #""price":579.80,"qty":100,"status":"WORKING"},{"id":"o\"2","role":"EXIT","side":"SELL","type":"MKT","price":null,"#
            + #""qty":100,"status":"PENDING"}],"HISTORY":[{"time":"12:00:01.500","command":"ENTER_LONG 580.00","#
            + #""outcome":"EXECUTED","reason":null}]}"#
        #expect(StateVectorEncoder.encode(Self.smallState(), style: .compact) == expected)
    }

    @Test func derivedPricesShowCents() {
        var state = StateVector()
        state.market.vwap = Price(raw: 5_746_816)
        state.market.last = Price(raw: 5_746_850)
        state.account.dailyPL = Price(raw: -42_500)
        let market = StateVectorEncoder.encodeMarket(state, style: .compact)
        #expect(market.contains(#""VWAP":574.68,"#))
        #expect(market.contains(#""LAST":574.6850,"#))
        #expect(StateVectorEncoder.encodeAccount(state, style: .compact).contains(#""DAILY_PL":-4.25,"#))
    }

    @Test func sectionsForThePrompt() {
        let state = Self.smallState()
        #expect(
            StateVectorEncoder.encodeAccount(state) == """
                {
                  "POSITION": 100,
                  "POSITION_SIDE": "LONG",
                  "AVG_ENTRY": 580.00,
                  "UNREALIZED_PL": 12.3456,
                  "DAILY_PL": -4.25,
                  "DAILY_TRADES": 0
                }
                """)
        #expect(
            StateVectorEncoder.encodeActiveOrders(state) == """
                [
                  {"id": "o-1", "role": "STOP", "side": "SELL", "type": "STP", "price": 579.80, "qty": 100, "status": "WORKING"},
                  {"id": "o\\"2", "role": "EXIT", "side": "SELL", "type": "MKT", "price": null, "qty": 100, "status": "PENDING"}
                ]
                """)
        #expect(StateVectorEncoder.encodeActiveOrders(StateVector()) == "[]")
        #expect(StateVectorEncoder.encodeHistory(StateVector(), style: .compact) == "[]")
        #expect(
            StateVectorEncoder.encodeAccount(state, style: .compact).hasPrefix(
                #"{"POSITION":100,"POSITION_SIDE":"LONG","#))
        let market = StateVectorEncoder.encodeMarket(state)
        #expect(market.hasPrefix("{\n  \"TICKER\": \"GOOG\",\n  \"LAST\": 580.1234,"))
        #expect(market.hasSuffix("  \"ABSORPTION_PRICE\": null\n}"))
        // The whole document is exactly its sections, nested one level deeper.
        let whole = StateVectorEncoder.encode(state)
        let indented = market.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? "" : "  " + $0
        }
        #expect(whole.contains("  \"MARKET_STATE\": " + indented.joined(separator: "\n").dropFirst(2) + ",\n"))
        #expect(
            whole.hasSuffix(
                "\"HISTORY\": [\n    {\"time\": \"12:00:01.500\", \"command\": \"ENTER_LONG 580.00\", \"outcome\": \"EXECUTED\", \"reason\": null}\n  ]\n}"
            ))
        #expect(!StateVectorEncoder.encode(StateVector()).contains("HISTORY"))
    }

    @Test func roundTripsThroughTheDecoder() throws {
        let seed = try StateVectorDecoder.decode(try seedStateBytes(), fileName: "seed.json")
        var sample = SchemaSample()
        let full = try StateVectorDecoder.decode(Array(sample.document().utf8), fileName: "sample.json")
        #expect(full.history.count == 2)
        for state in [seed, full] {
            for style in [StateVectorEncoder.Style.pretty, .compact] {
                let text = StateVectorEncoder.encode(state, style: style)
                let again = try StateVectorDecoder.decode(Array(text.utf8), fileName: "again.json")
                // VWAP is a derived price: it is shown, and so read back, to the cent.
                var expected = state
                expected.market.vwap = state.market.vwap.flatMap { Price(parsing: $0.formatted(decimals: 2)) }
                #expect(again == expected)
                #expect(StateVectorEncoder.encode(again, style: style) == text)
            }
        }
        #expect(!StateVectorEncoder.encode(seed, style: .compact).contains(" \""))
        // Values with more decimals than shown still encode idempotently.
        let small = Self.smallState()
        let once = StateVectorEncoder.encode(small)
        let decoded = try StateVectorDecoder.decode(Array(once.utf8), fileName: "small.json")
        #expect(StateVectorEncoder.encode(decoded) == once)
        #expect(decoded.market.l2Imbalance == 1.01)
    }

    @Test func twoDecimalsHalfAwayFromZero() {
        let cases: [(Double, String)] = [
            (2.1, "2.10"), (0.125, "0.13"), (-0.125, "-0.13"), (1.005, "1.01"), (2.675, "2.68"), (-0.1019, "-0.10"),
            (-0.004, "0.00"), (-0.0, "0.00"), (0, "0.00"), (99, "99.00"), (9.995, "10.00"), (-9.995, "-10.00"),
            (1e-7, "0.00"), (0.005, "0.01"), (123456789.125, "123456789.13"), (1e16, "10000000000000000.00"),
            (.infinity, "null"), (.nan, "null"),
        ]
        for (value, text) in cases {
            #expect(StateNumberFormat.twoDecimals(value) == text, "\(value)")
        }
    }
}
