import Benchmark
import Foundation
import MarketData
import StateVector
import Strategy

/// The compiled checklist of strategies/momentum.yaml on the seed's example state, per side,
/// against the same rules evaluated by walking their parsed trees (names resolved by string on
/// every call). The ratio of the two is the point of compiling.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], scalingFactor: .kilo, maxDuration: .seconds(3))

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let strategy: CompiledStrategy
    let state: StateVector
    do {
        strategy = try StrategyLoader.load(contentsOf: root.appendingPathComponent("strategies/momentum.yaml").path)
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/seed-state.json")))
        state = try StateVectorDecoder.decode(bytes, fileName: "seed-state.json")
    } catch {
        print("cannot load the benchmark inputs: \(error)")
        return
    }

    for side in [PositionSide.long, .short] {
        let name = side == .long ? "long" : "short"
        Benchmark("compiled entry check, \(name) side (gate hot path)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(strategy.entryPasses(side, state)) }
        }
        Benchmark("compiled checklist with readings, \(name) side") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(strategy.side(side, state)) }
        }
        Benchmark("parsed-tree walk, \(name) side") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(strategy.referenceOutcomes(side, state)) }
        }
    }
    // #14 item 4: a state with every list at its maximum (docs/STATE.md "List lengths"), decoded
    // from its JSON and explained (the checklist with readings, as `fsd explain` does): linear in
    // the lists, so this stays in milliseconds.
    let maximal = maximalStateJSON(state)
    if (try? StateVectorDecoder.decode(maximal, fileName: "max.json")) != nil {
        Benchmark("decode + explain a state at every list maximum", configuration: .init(scalingFactor: .one)) {
            benchmark in
            for _ in benchmark.scaledIterations {
                blackHole((try? StateVectorDecoder.decode(maximal, fileName: "max.json")).map { strategy.evaluate($0) })
            }
        }
    } else {
        print("the state at every list maximum does not decode: the decode + explain row is left out")
    }
    Benchmark("load and compile momentum.yaml", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try? StrategyLoader.load(contentsOf: root.appendingPathComponent("strategies/momentum.yaml").path))
        }
    }
}

/// The seed's state with every list at its `StateLimits` maximum, as the encoder writes it.
func maximalStateJSON(_ seed: StateVector) -> [UInt8] {
    var state = seed
    state.market.domWalls = (0..<StateLimits.domWalls).map { index in
        DomWall(
            side: index == StateLimits.domWalls - 1 ? .ask : .bid, price: Price(cents: 24_000 - Int64(index)), size: 3_000,
            tier: .minor)
    }
    state.market.bidStack = (0..<StateLimits.stackLevels).map { StackLevel(price: Price(cents: 24_548 - 2 * Int64($0)), size: 100) }
    state.market.askStack = (0..<StateLimits.stackLevels).map { StackLevel(price: Price(cents: 24_550 + 2 * Int64($0)), size: 100) }
    state.market.largePrints1m = (0..<StateLimits.largePrints).map {
        LargePrint(price: Price(cents: 24_548), size: 10_000, side: $0 % 2 == 0 ? .buy : .sell, secsAgo: Int64($0 % 60))
    }
    state.market.footprint.imbalances = (0..<StateLimits.imbalances).map {
        FootprintImbalance(price: Price(raw: 2_455_000 + Int64($0)), bidVol: 100, askVol: 350, ratio: 3.5)
    }
    state.activeOrders = (0..<StateLimits.activeOrders).map {
        ActiveOrder(id: "o\($0)", role: .target, side: .sell, type: .limit, price: Price(cents: 25_000), qty: 1, status: .working)
    }
    state.history = (0..<StateLimits.history).map { _ in HistoryEntry(time: "09:45:00", command: "WAIT(\"flat\")", outcome: .wait) }
    return Array(StateVectorEncoder.encode(state, style: .pretty).utf8)
}
