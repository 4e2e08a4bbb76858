// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Tally", targets: ["Tally"]),
        .executable(name: "tally", targets: ["tally"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target Tally` builds Sources/Tally/Tally.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Dependencies point one way, down this list: system, format, store, execution,
        // pricing, ingest, host support, SQL, the facade; the demo generator and the CLI
        // sit beside the library product, not in it.
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CTallyKernels"),
        .target(name: "TallySystem"),
        .target(name: "TallyFormat", dependencies: ["TallySystem", "CLZ4", "CZstd", "CTallyKernels"]),
        .target(name: "TallyStore", dependencies: ["TallySystem", "TallyFormat"]),
        .target(name: "TallyExecution", dependencies: ["TallyStore"]),
        .target(name: "TallyPricing", dependencies: ["TallyStore"]),
        .target(name: "TallyParquet", dependencies: ["TallyFormat", "CZstd"]),
        .target(name: "TallyIngest", dependencies: ["TallyStore", "TallyPricing", "TallyParquet", "CTallyKernels"]),
        .target(
            name: "TallyHost", dependencies: ["TallyStore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "TallySQL", dependencies: ["TallyExecution", "TallyPricing", "TallyParquet", "CTallyKernels"]),
        .target(name: "Tally", dependencies: ["TallyExecution", "TallyPricing", "TallyIngest", "TallyParquet", "TallyHost", "TallySQL"]),
        .target(name: "TallyDemo", dependencies: ["TallyIngest", "TallyPricing"]),
        .executableTarget(
            name: "tally",
            dependencies: [
                "Tally", "TallyDemo", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TallyTestSupport", dependencies: ["Tally"], path: "Tests/TallyTestSupport"),
        // The code each libFuzzer target of Tools/fuzz.sh runs, shared with FuzzTests' corpus replay.
        .target(name: "TallyFuzzTargets", dependencies: ["TallyIngest", "TallySQL"], path: "Tests/TallyFuzzTargets"),
        .testTarget(name: "TallySystemTests", dependencies: ["TallySystem", "TallyTestSupport"]),
        .testTarget(name: "TallyFormatTests", dependencies: ["TallyFormat", "TallyTestSupport", "CTallyKernels"]),
        .testTarget(name: "TallyStoreTests", dependencies: ["TallyStore", "TallyTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TallyExecutionTests", dependencies: ["TallyExecution", "TallyTestSupport"]),
        .testTarget(name: "TallyPricingTests", dependencies: ["TallyPricing", "TallyTestSupport"]),
        .testTarget(
            name: "TallyParquetTests", dependencies: ["TallyParquet", "TallyTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TallyIngestTests", dependencies: ["TallyIngest", "TallyTestSupport", "CTallyKernels"], exclude: ["Fixtures"]),
        .testTarget(name: "TallyHostTests", dependencies: ["TallyHost", "TallyTestSupport"]),
        .testTarget(name: "TallySQLTests", dependencies: ["TallySQL", "TallyTestSupport", "CTallyKernels"], exclude: ["Cases"]),
        .testTarget(name: "TallyTests", dependencies: ["Tally", "TallyTestSupport"]),
        .testTarget(name: "TallyDemoTests", dependencies: ["TallyDemo", "TallyTestSupport"]),
        .testTarget(name: "TallyCLITests", dependencies: ["TallyTestSupport"], exclude: ["SQLDifferential"]),
        .testTarget(
            name: "TallyReliabilityTests", dependencies: ["Tally", "TallyTestSupport", "TallyFuzzTargets"],
            exclude: ["Corpus", "FuzzCorpus", "FuzzRegressions"]),
    ],
    swiftLanguageModes: [.v6]
)

// The package-benchmark suites in Benchmarks/ (package-benchmark brings jemalloc) belong to
// the package only when asked for, so a host that depends on Tally never resolves them:
//     TALLY_BENCHMARKS=1 swift package --disable-sandbox benchmark --target StorageBenchmarks
// Inside the package they may measure internals (encodings, codecs) through `package` access.
if Context.environment["TALLY_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets += ["StorageBenchmarks", "AnalyticsBenchmarks"].map { name in
        .executableTarget(
            name: name,
            dependencies: ["Tally", "TallyDemo", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
}

