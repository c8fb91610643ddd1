import Foundation
import MarketData
import StateVector
import Testing

@testable import Strategy

/// Every list of the state vector has a maximum length (`StateLimits`), refused at decode time with
/// the field, the length and the maximum (#14 item 4: a state with 200,000 DOM walls hung
/// `fsd explain` and `fsd decide` for minutes); a state at every maximum decodes and explains.
/// How long decode + explain take at the maxima is the benchmark's business
/// (Benchmarks/StrategyBenchmarks), not a timed test's.
@Suite struct StateLimitsTests {
    let strategy: CompiledStrategy

    init() throws { strategy = try StrategyLoader.load(contentsOf: MomentumStrategyTests.path) }

    /// Scenario A (every long condition holds) with every list at its maximum. The walls are bids
    /// far below LAST but the last one, an ask 0.10 % above LAST, which `no_ask_wall` must find.
    static func atMaximum() -> StateVector {
        var state = SeedState.state
        var walls = (0..<StateLimits.domWalls - 1).map { index in
            DomWall(side: .bid, price: Price(cents: 24_000 - Int64(index)), size: 3_000, tier: .minor)
        }
        walls.append(DomWall(side: .ask, price: Price(cents: 24_575), size: 5_000, tier: .major))
        state.market.domWalls = walls
        state.market.bidStack = (0..<StateLimits.stackLevels).map {
            StackLevel(price: Price(cents: 24_548 - 2 * Int64($0)), size: 100 + Int64($0))
        }
        state.market.askStack = (0..<StateLimits.stackLevels).map {
            StackLevel(price: Price(cents: 24_550 + 2 * Int64($0)), size: 100 + Int64($0))
        }
        state.market.largePrints1m = (0..<StateLimits.largePrints).map {
            LargePrint(price: Price(cents: 24_550), size: 10_000, side: $0 % 2 == 0 ? .buy : .sell, secsAgo: Int64($0 % 60))
        }
        state.market.footprint.imbalances = (0..<StateLimits.imbalances).map {
            FootprintImbalance(price: Price(raw: 2_455_000 + Int64($0)), bidVol: 100, askVol: 350, ratio: 3.5)
        }
        state.activeOrders = (0..<StateLimits.activeOrders).map {
            ActiveOrder(id: "o\($0)", role: .target, side: .sell, type: .limit, price: Price(cents: 25_000), qty: 1, status: .working)
        }
        state.history = (0..<StateLimits.history).map {
            HistoryEntry(time: "09:45:\(String(format: "%02d", $0 % 60))", command: "WAIT(\"flat\")", outcome: .wait)
        }
        return state
    }

    @Test func aStateAtEveryMaximumDecodesAndExplains() throws {
        let state = Self.atMaximum()
        let text = StateVectorEncoder.encode(state, style: .pretty)
        let decoded = try StateVectorDecoder.decode(Array(text.utf8), fileName: "max.json")
        #expect(decoded.market.domWalls == state.market.domWalls)
        #expect(decoded.market.bidStack == state.market.bidStack)
        #expect(decoded.market.askStack == state.market.askStack)
        #expect(decoded.market.largePrints1m == state.market.largePrints1m)
        #expect(decoded.market.footprint.imbalances == state.market.footprint.imbalances)
        #expect(decoded.activeOrders == state.activeOrders)
        #expect(decoded.history == state.history)

        let checklist = strategy.evaluate(decoded)
        // Scenario A but for the one ask wall at the end of 100 elements.
        #expect(checklist.long.conditions.filter { !$0.passed }.map(\.name) == ["no_ask_wall"])
        #expect(!checklist.long.passed)
        let wall = checklist.long.conditions[4]
        // Each bid wall is read once (its side), then the ask wall's side, price, LAST and distance.
        #expect(wall.readings.count == StateLimits.domWalls - 1 + 4)
        #expect(wall.readings.first?.description == "DOM_WALLS[0].side = BID")
        #expect(
            wall.readings.suffix(4).map(\.description) == [
                "DOM_WALLS[99].side = ASK", "DOM_WALLS[99].price = 245.75", "LAST = 245.50",
                "DOM_WALLS[99]: pct_from_last(price) = 0.1018",
            ])
    }

    @Test func twoHundredThousandWallsAreRefusedWithTheFieldLengthAndMaximum() throws {
        var state = SeedState.state
        state.market.domWalls = (0..<200_000).map {
            DomWall(side: .bid, price: Price(cents: 20_000 + Int64($0 % 4_000)), size: 3_000, tier: .minor)
        }
        let bytes = Array(StateVectorEncoder.encode(state, style: .compact).utf8)
        let error = try #require(throws: StateDecodingError.self) {
            try StateVectorDecoder.decode(bytes, fileName: "walls.json")
        }
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        #expect(problem.path == "$.MARKET_STATE.DOM_WALLS")
        #expect(problem.message == "200000 elements, more than the maximum of 100")
        #expect(problem.description.hasPrefix("walls.json:1:"))
        // The line quoted under it is cut around the column, not 14 MB of JSON.
        let rendered = error.rendered(source: bytes)
        #expect(rendered.count < 600, "\(rendered.prefix(300))")
        #expect(rendered.contains("\"DOM_WALLS\":["))
    }

    @Test func everyListIsRefusedOneElementPastItsMaximum() throws {
        let over = Self.atMaximum()
        var cases: [(String, Int, (inout StateVector) -> Void)] = []
        cases.append(("$.MARKET_STATE.DOM_WALLS", StateLimits.domWalls, { $0.market.domWalls.append($0.market.domWalls[0]) }))
        cases.append(("$.MARKET_STATE.BID_STACK", StateLimits.stackLevels, { $0.market.bidStack.append($0.market.bidStack[0]) }))
        cases.append(("$.MARKET_STATE.ASK_STACK", StateLimits.stackLevels, { $0.market.askStack.append($0.market.askStack[0]) }))
        cases.append(
            ("$.MARKET_STATE.LARGE_PRINTS_1M", StateLimits.largePrints, { $0.market.largePrints1m.append($0.market.largePrints1m[0]) }))
        cases.append(
            (
                "$.MARKET_STATE.FOOTPRINT_CURR_BAR.imbalances", StateLimits.imbalances,
                { $0.market.footprint.imbalances.append($0.market.footprint.imbalances[0]) }
            ))
        cases.append(("$.ACTIVE_ORDERS", StateLimits.activeOrders, { $0.activeOrders.append($0.activeOrders[0]) }))
        cases.append(("$.HISTORY", StateLimits.history, { $0.history.append($0.history[0]) }))
        for (path, maximum, grow) in cases {
            var state = over
            grow(&state)
            let bytes = Array(StateVectorEncoder.encode(state, style: .compact).utf8)
            let error = try #require(throws: StateDecodingError.self) {
                try StateVectorDecoder.decode(bytes, fileName: "s.json")
            }
            #expect(error.problems.map(\.path) == [path])
            #expect(error.problems.map(\.message) == ["\(maximum + 1) elements, more than the maximum of \(maximum)"])
        }
    }

    @Test func everyListHasAMaximumThatTheFeaturesStayWithin() {
        func lists(_ fields: [Field]) -> [Field] {
            fields.flatMap { field -> [Field] in
                if case .list = field.kind { return [field] + lists(field.children) }
                return lists(field.children)
            }
        }
        let all = lists(StateSchema.sections.map(\.field))
        #expect(all.map(\.name) == ["DOM_WALLS", "BID_STACK", "ASK_STACK", "LARGE_PRINTS_1M", "imbalances", "ACTIVE_ORDERS", "HISTORY"])
        #expect(all.allSatisfy { $0.maximumCount != nil })
        // The largest lists the feature parameters allow still decode.
        func upper(_ name: String) -> Int64? {
            guard case .integer(let range)? = FeatureParameters.declarations.first(where: { $0.name == name })?.kind
            else { return nil }
            return range.upperBound
        }
        #expect(upper("max_walls") == Int64(StateLimits.domWalls))
        #expect(upper("stack_levels") == Int64(StateLimits.stackLevels))
        #expect(upper("max_large_prints") == Int64(StateLimits.largePrints))
    }
}
