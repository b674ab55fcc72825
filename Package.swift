// swift-tools-version:6.0
import Foundation
import PackageDescription

// Dependencies point one way:
//   scour (CLI) → ScourServer (HTTP) → Scour (façade) → ScourSearch → ScourIndex → ScourAnalysis → ScourPrimitives
//                                                    ↘ ScourExtraction → CLibXML2, ScourPrimitives
// ScourPrimitives holds what must exist once (FNV-1a, the CJK ranges,
// ASCII byte matching); it has no product: its API is `package`.
let package = Package(
    name: "Scour",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Scour", targets: ["Scour"]),
        .library(name: "ScourExtraction", targets: ["ScourExtraction"]),
        .library(name: "ScourAnalysis", targets: ["ScourAnalysis"]),
        .library(name: "ScourIndex", targets: ["ScourIndex"]),
        .library(name: "ScourSearch", targets: ["ScourSearch"]),
        .library(name: "ScourServer", targets: ["ScourServer"]),
        .executable(name: "scour", targets: ["scour"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "COpenCC",
            pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ScourPrimitives"),
        .target(name: "ScourExtraction", dependencies: ["CLibXML2", "ScourPrimitives"]),
        .target(name: "ScourAnalysis", dependencies: ["COpenCC", "ScourPrimitives"]),
        .target(name: "ScourIndex", dependencies: ["ScourAnalysis", "ScourPrimitives", "CZlib"]),
        .target(
            name: "ScourSearch",
            dependencies: [
                "ScourIndex", "ScourAnalysis", "ScourPrimitives",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Scour",
            dependencies: ["ScourPrimitives", "ScourExtraction", "ScourAnalysis", "ScourIndex", "ScourSearch", "CZlib"]
        ),
        .target(
            name: "ScourServer",
            dependencies: [
                "Scour",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "scour",
            dependencies: [
                "Scour", "ScourServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers shared by the test targets (temporary folders).
        .target(name: "ScourTestSupport", path: "Tests/ScourTestSupport"),
        .testTarget(name: "ScourPrimitivesTests", dependencies: ["ScourPrimitives"]),
        .testTarget(name: "ScourExtractionTests", dependencies: ["ScourExtraction"]),
        .testTarget(name: "ScourAnalysisTests", dependencies: ["ScourAnalysis"]),
        .testTarget(name: "ScourIndexTests", dependencies: ["ScourIndex", "ScourPrimitives", "ScourTestSupport"]),
        .testTarget(name: "ScourSearchTests", dependencies: ["ScourSearch", "ScourIndex", "ScourAnalysis", "ScourTestSupport"]),
        .testTarget(name: "ScourTests", dependencies: ["Scour", "ScourTestSupport"]),
        .testTarget(
            name: "ScourServerTests",
            dependencies: [
                "ScourServer", "Scour", "ScourTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "CLIEndToEndTests", dependencies: ["scour", "ScourTestSupport"]),
    ]
)

// The benchmark (Scour side by side with SQLite FTS5) exists only when
// SCOUR_BENCHMARKS is set, so ordinary builds and CI never compile it:
//   SCOUR_BENCHMARKS=1 swift run -c release scour-bench
if ProcessInfo.processInfo.environment["SCOUR_BENCHMARKS"] != nil {
    package.targets += [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "scour-bench",
            dependencies: [
                "Scour", "ScourExtraction", "ScourAnalysis", "ScourIndex", "ScourSearch", "CSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
}

// The libFuzzer target that feeds arbitrary bytes to SegmentReader exists
// only when SCOUR_FUZZ is set (see Tests/Scripts/fuzz-segment.sh):
//   SCOUR_FUZZ=1 swift build -c release --product scour-fuzz-segment -Xswiftc -sanitize=fuzzer,address
if ProcessInfo.processInfo.environment["SCOUR_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "scour-fuzz-segment", dependencies: ["ScourIndex"]),
    ]
    package.products += [
        .executable(name: "scour-fuzz-segment", targets: ["scour-fuzz-segment"]),
    ]
}
