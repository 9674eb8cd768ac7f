// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "arkd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "JobDescriptions", targets: ["JobDescriptions"]),
        .executable(name: "arkctl", targets: ["arkctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .target(name: "JobDescriptions"),
        .executableTarget(
            name: "arkctl",
            dependencies: [
                "JobDescriptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JobDescriptionsTests", dependencies: ["JobDescriptions"]),
        .testTarget(name: "ArkctlTests", dependencies: ["arkctl"]),
    ],
    swiftLanguageModes: [.v6]
)
