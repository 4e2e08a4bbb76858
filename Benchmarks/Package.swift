// swift-tools-version: 6.1
// Benchmarks live in their own package so the library never pulls in jemalloc or the
// benchmark harness. Run: `cd Benchmarks && swift package benchmark`.
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name, which is not fixed (a fresh
// clone may be named anything), so it is read from this file's location.
let tallyPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "TallyBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: ["StorageBenchmarks", "AnalyticsBenchmarks"].map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Tally", package: tallyPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
