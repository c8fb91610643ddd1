// swift-tools-version:6.1
import PackageDescription

// Benchmarks live apart so the root build never compiles the harness (docs STACK.md).
// Run from this directory: swift package benchmark
let package = Package(
    name: "FSDTraderBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "FSDTrader", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StrategyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Strategy", package: "FSDTrader"),
            ],
            path: "Benchmarks/StrategyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
