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
    ],
    targets: [
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CTallyCRC32C"),
        .target(name: "CTallyByteScan"),
        .target(name: "CTallySequenceStats"),
        .target(name: "TallyStorage", dependencies: ["CLZ4", "CZstd", "CTallyCRC32C", "CTallySequenceStats"]),
        .target(name: "TallyExecution", dependencies: ["TallyStorage"]),
        .target(name: "TallyParquet", dependencies: ["TallyStorage", "CZstd"]),
        .target(name: "Tally", dependencies: ["TallyStorage", "TallyExecution", "TallyParquet", "CTallyByteScan"]),
        .target(name: "TallySQL", dependencies: ["Tally"]),
        .executableTarget(
            name: "tally",
            dependencies: [
                "Tally", "TallySQL", "TallyParquet", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TallyTestSupport", dependencies: ["Tally"], path: "Tests/TallyTestSupport"),
        .testTarget(name: "TallyStorageTests", dependencies: ["TallyStorage", "TallyTestSupport", "CTallySequenceStats"]),
        .testTarget(
            name: "TallyParquetTests", dependencies: ["TallyParquet", "TallyTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TallyExecutionTests", dependencies: ["TallyExecution", "TallyTestSupport"]),
        .testTarget(name: "TallyTests", dependencies: ["Tally", "TallyTestSupport", "CTallyByteScan"], exclude: ["Fixtures"]),
        .testTarget(name: "TallySQLTests", dependencies: ["TallySQL", "TallyTestSupport"], exclude: ["Cases"]),
        .testTarget(name: "TallyCLITests", dependencies: ["TallyTestSupport"], exclude: ["SQLDifferential"]),
        .testTarget(
            name: "TallyReliabilityTests", dependencies: ["Tally", "TallySQL", "TallyTestSupport"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
