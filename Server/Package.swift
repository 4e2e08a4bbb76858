// swift-tools-version: 6.1
// The example host service lives in its own package, so that a host which only wants the
// library never pulls Hummingbird into its build or its dependency resolution.
// Build and test: `cd Server && swift build && swift test` (the tests also need the root
// package's `tally` binary: `swift build --product tally` at the root first, or `make test`).
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name, which is not fixed (a fresh
// clone may be called anything), so it is read off this file's location.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let tallyPackage = root.lastPathComponent

let package = Package(
    name: "TallyServer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tally-server", targets: ["tally-server"]),
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "TallyServer",
            dependencies: [
                .product(name: "Tally", package: tallyPackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "tally-server",
            dependencies: [
                "TallyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TallyServerTests",
            dependencies: [
                "TallyServer",
                .product(name: "Tally", package: tallyPackage),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
