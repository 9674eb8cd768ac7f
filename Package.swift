// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "arkd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "JobDescriptions", targets: ["JobDescriptions"]),
        .library(name: "ArkdEngine", targets: ["ArkdEngine"]),
        .executable(name: "arkctl", targets: ["arkctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        .target(name: "JobDescriptions"),
        .target(
            name: "ArkdEngine",
            dependencies: [
                "JobDescriptions",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "arkctl",
            dependencies: [
                "JobDescriptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JobDescriptionsTests", dependencies: ["JobDescriptions"]),
        .testTarget(name: "ArkctlTests", dependencies: ["arkctl"]),
        .testTarget(name: "ArkdEngineTests", dependencies: ["ArkdEngine"]),
    ],
    swiftLanguageModes: [.v6]
)
