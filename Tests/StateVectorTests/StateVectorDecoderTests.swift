import Foundation
import MarketData
import Testing

@testable import StateVector

/// The repository root, from this file's path (Tests/StateVectorTests/File.swift).
func repositoryRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func seedStateBytes() throws -> [UInt8] {
    let url = repositoryRoot().appendingPathComponent("Tests/Fixtures/seed-state.json")
    return [UInt8](try Data(contentsOf: url))
}

/// The original design document, beside the repository (`../shared`).
func seedDesignURL() -> URL {
    repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared/seed/000_19091e346cd8d362.txt")
}

@Suite struct StateVectorDecoderTests {
    @Test func seedExampleDecodesToItsValues() throws {
        let state = try StateVectorDecoder.decode(try seedStateBytes(), fileName: "seed-state.json")
        let m = state.market
        #expect(m.ticker == "TSLA")
        #expect(m.last == Price(parsing: "245.50"))
        #expect(m.last == Price(cents: 245_50))
        #expect(m.vwap == Price(cents: 245_10))
        #expect(m.timeSession == .openDrive)
        #expect(m.l2Imbalance == 2.1)
        #expect(m.spread == Price(cents: 2))
        #expect(
            m.domWalls == [
                DomWall(side: .ask, price: Price(cents: 247_00), size: 3500, tier: .major),
                DomWall(side: .bid, price: Price(cents: 244_50), size: 2100, tier: .minor),
            ])
        #expect(m.bidStack.map(\.price.raw) == [2_454_800, 2_454_600, 2_454_400])
        #expect(m.bidStack.map(\.size) == [150, 200, 180])
        #expect(
            m.askStack == [
                StackLevel(price: Price(cents: 245_50), size: 120), StackLevel(price: Price(cents: 245_52), size: 180),
                StackLevel(price: Price(cents: 245_54), size: 250),
            ])
        #expect(m.tapeVelocity == .high)
        #expect(m.tapeVelocityTPS == 42.5)
        #expect(m.tapeSentiment == .aggressiveBuying)
        #expect(m.tapeDelta1s == 1250)
        #expect(m.tapeDelta5s == 4800)
        #expect(m.largePrints1m == [LargePrint(price: Price(cents: 245_48), size: 500, side: .buy, secsAgo: 12)])
        let bar = m.footprint
        #expect(
            [bar.open, bar.high, bar.low, bar.close, bar.poc]
                == [245_30, 245_55, 245_25, 245_50, 245_45].map { Price(cents: $0) })
        #expect(bar.delta == 2800)
        #expect(bar.volume == 15000)
        #expect(bar.deltaPct == 18.7)
        #expect(
            bar.imbalances == [FootprintImbalance(price: Price(cents: 245_50), bidVol: 120, askVol: 580, ratio: 4.8)])
        #expect(m.cvdSession == 125_000)
        #expect(m.cvdTrend == .rising)
        #expect(m.cvdSlope5m == 0.85)
        #expect(
            [m.vpPOC, m.vpVAH, m.vpVAL, m.vpDevelopingPOC] == [244_80, 246_20, 243_50, 245_30].map { Price(cents: $0) })
        #expect(m.priceVsPOC == .above)
        #expect(m.hod == Price(cents: 245_80))
        #expect(m.lod == Price(cents: 241_20))
        #expect(m.hodLodLoc == .testingHOD)
        #expect(m.distanceToHODPct == 0.12)
        #expect(m.distanceToLODPct == nil)
        #expect(m.rvolDay == 2.8)
        #expect(m.absorptionDetected == false)
        #expect(m.absorptionSide == nil)
        #expect(m.absorptionPrice == nil)
        let a = state.account
        #expect(a.position == 0)
        #expect(a.positionSide == nil)
        #expect(a.avgEntry == nil)
        #expect(a.unrealizedPL == .zero)
        #expect(a.dailyPL == Price(cents: 150_00))
        #expect(a.dailyTrades == 3)
        #expect(state.activeOrders.isEmpty)
        #expect(state.history.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seedDesignURL().path)))
    func fixtureIsTheSeedBlockByteForByte() throws {
        let text = try String(contentsOf: seedDesignURL(), encoding: .utf8)
        let block = try #require(
            text.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        #expect(Array(block.utf8) == (try seedStateBytes()))
    }

    @Test func everySchemaFieldIsDecoded() throws {
        var sample = SchemaSample()
        let text = sample.document()
        let state = try StateVectorDecoder.decode(Array(text.utf8), fileName: "sample.json")
        for list in sample.lists {
            #expect(list.count(state) == 2, "\(list.path) was not decoded")
        }
        guard sample.lists.allSatisfy({ $0.count(state) == 2 }) else { return }
        #expect(sample.leaves.count > 60)
        for leaf in sample.leaves {
            #expect(SchemaSample.read(leaf, from: state) == leaf.expected, "\(leaf.path) was not decoded")
        }
    }

    @Test func pricesAreExactFixedPoint() throws {
        let cases: [(String, Int64)] = [
            ("245.50", 2_455_000), ("0.0001", 1), ("-0.2", -2000), ("1e2", 1_000_000), ("2.455E2", 2_455_000),
            ("12.34560", 123_456), ("0", 0), ("-0.0", 0),
        ]
        for (text, raw) in cases {
            let value = try JSONParser.parse(text, fileName: "n.json")
            #expect(value.priceValue == Price(raw: raw), "\(text)")
        }
        #expect(try JSONParser.parse("245.50", fileName: "n.json").priceValue == Price(parsing: "245.50"))
        #expect(try JSONParser.parse("1.00001", fileName: "n.json").priceValue == nil)
        #expect(try JSONParser.parse("1e300", fileName: "n.json").priceValue == nil)
        #expect(try JSONParser.parse("3.0", fileName: "n.json").int64Value == 3)
        #expect(try JSONParser.parse("2.5", fileName: "n.json").int64Value == nil)
        #expect(try JSONParser.parse("-9223372036854775808", fileName: "n.json").int64Value == .min)
        #expect(try JSONParser.parse("9223372036854775808", fileName: "n.json").int64Value == nil)
        #expect(try JSONParser.parse("1e999", fileName: "n.json").doubleValue == nil)
    }

    @Test func nullableFieldsMayBeOmittedAndHistoryDecodes() throws {
        let text = """
            {"MARKET_STATE": {"TICKER": "GOOG", "TIME_SESSION": "MIDDAY", "DOM_WALLS": [], "BID_STACK": [], "ASK_STACK": [],
              "TAPE_VELOCITY": "LOW", "TAPE_VELOCITY_TPS": 0, "TAPE_SENTIMENT": "NEUTRAL", "TAPE_DELTA_1S": 0,
              "TAPE_DELTA_5S": 0, "LARGE_PRINTS_1M": [],
              "FOOTPRINT_CURR_BAR": {"delta": 0, "volume": 0, "imbalances": []},
              "CVD_SESSION": -5, "CVD_TREND": "FLAT", "CVD_SLOPE_5M": 0, "ABSORPTION_DETECTED": true},
             "ACCOUNT_STATE": {"POSITION": 100, "POSITION_SIDE": "LONG", "AVG_ENTRY": 580.1234, "UNREALIZED_PL": -12.5,
              "DAILY_PL": -12.5, "DAILY_TRADES": 1},
             "ACTIVE_ORDERS": [{"id": "7", "role": "STOP", "side": "SELL", "type": "STP", "price": 579.9, "qty": 100,
              "status": "WORKING"}],
             "HISTORY": [{"time": "10:15:02.250", "command": "WAIT", "outcome": "WAIT", "reason": null}]}
            """
        let state = try StateVectorDecoder.decode(Array(text.utf8), fileName: "s.json")
        #expect(state.market.last == nil)
        #expect(state.market.footprint.open == nil)
        #expect(state.market.cvdSession == -5)
        #expect(state.market.absorptionDetected)
        #expect(state.account.avgEntry == Price(raw: 5_801_234))
        #expect(state.account.unrealizedPL == Price(cents: -12_50))
        #expect(
            state.activeOrders == [
                ActiveOrder(
                    id: "7", role: .stop, side: .sell, type: .stop, price: Price(cents: 579_90), qty: 100,
                    status: .working)
            ])
        #expect(state.history == [HistoryEntry(time: "10:15:02.250", command: "WAIT", outcome: .wait)])
    }
}
