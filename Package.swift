// swift-tools-version:6.1
import PackageDescription

// Targets follow the data flow of docs/ARCHITECTURE: feed -> book/tape -> features -> state vector
// -> checklist + brain -> gate -> risk -> orders -> broker. A target imports only what sits upstream.
let package = Package(
    name: "FSDTrader",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fsd", targets: ["fsd"]),
        // For the separate Benchmarks/ package, which depends on this one by path.
        .library(name: "Strategy", targets: ["Strategy", "StateVector", "MarketData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "MarketData", dependencies: ["CZlib"]),
        .target(name: "StateVector", dependencies: ["MarketData"]),
        .target(name: "Strategy", dependencies: ["CYAML", "StateVector"]),
        .target(name: "Analytics", dependencies: ["MarketData", "StateVector"]),
        .target(
            name: "Brain",
            dependencies: [
                "StateVector", "Strategy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Execution", dependencies: ["MarketData", "StateVector"]),
        .target(
            name: "IBKR",
            dependencies: [
                "MarketData", "StateVector", "Analytics", "Execution",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Agent",
            dependencies: [
                "MarketData", "StateVector", "Strategy", "Analytics", "Brain", "Execution",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `fsd bench`'s measurements: the readers, the book and the features, and the whole backtest.
        .target(name: "Bench", dependencies: ["MarketData", "Analytics", "Strategy", "Agent"]),
        .executableTarget(
            name: "fsd",
            dependencies: [
                "MarketData", "StateVector", "Strategy", "Analytics", "Brain", "Execution", "IBKR", "Agent", "Bench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // In-process servers that speak real wire protocols (LLM HTTP APIs) and a PNG reader for
        // screenshots, for tests only.
        .target(
            name: "TestSupport",
            dependencies: [
                "StateVector",
                "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData", "TestSupport"]),
        .testTarget(name: "StateVectorTests", dependencies: ["StateVector", "TestSupport"]),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy", "StateVector", "TestSupport"]),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "MarketData", "StateVector"]),
        .testTarget(name: "BrainTests", dependencies: ["Brain", "Strategy", "StateVector", "TestSupport"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "MarketData", "StateVector", "TestSupport"]),
        .testTarget(name: "IBKRTests", dependencies: ["IBKR", "Execution", "MarketData", "TestSupport"]),
        .testTarget(
            name: "AgentTests",
            dependencies: ["Agent", "Analytics", "Brain", "Execution", "MarketData", "Strategy", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "FSDEndToEndTests", dependencies: ["fsd", "Brain", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
