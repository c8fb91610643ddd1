import Benchmark
import Foundation
import StateVector
import Strategy

/// The compiled checklist of strategies/momentum.yaml on the seed's example state, per side,
/// against the same rules evaluated by walking their parsed trees (names resolved by string on
/// every call). The ratio of the two is the point of compiling.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput], scalingFactor: .kilo, maxDuration: .seconds(3))

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
    Benchmark("load and compile momentum.yaml", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try? StrategyLoader.load(contentsOf: root.appendingPathComponent("strategies/momentum.yaml").path))
        }
    }
}
