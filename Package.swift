// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "arkd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "JobDescriptions", targets: ["JobDescriptions"]),
        .library(name: "Staging", targets: ["Staging"]),
        .library(name: "ArkdEngine", targets: ["ArkdEngine"]),
        .library(name: "KubernetesClient", targets: ["KubernetesClient"]),
        .library(name: "ArkdServer", targets: ["ArkdServer"]),
        // A-REX's side of the LRMS contract (control files, lrms_done, .diag); a product so that
        // Benchmarks/ can time the scan.
        .library(name: "ARCIntegration", targets: ["ARCIntegration"]),
        // Test support, not for production: the fake API server, a product only so that the
        // Kubernetes benchmarks in Benchmarks/ can run arkd against it.
        .library(name: "KubernetesFake", targets: ["KubernetesFake"]),
        .executable(name: "arkctl", targets: ["arkctl"]),
        .executable(name: "arkd", targets: ["arkd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "JobDescriptions"),
        .target(name: "ARCIntegration", dependencies: ["JobDescriptions"]),
        .target(
            name: "Staging",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ArkdEngine",
            dependencies: [
                "JobDescriptions",
                "KubernetesClient",
                "Staging",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "KubernetesClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "KubernetesFixtures", resources: [.copy("Recorded")]),
        .target(
            name: "KubernetesFake",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(
            name: "ArkdServer",
            dependencies: [
                "ArkdEngine",
                "JobDescriptions",
                "KubernetesClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "arkd",
            dependencies: [
                "ArkdEngine",
                "ArkdServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "arkctl",
            dependencies: [
                "ARCIntegration",
                "JobDescriptions",
                "ArkdEngine",
                "KubernetesClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "JobDescriptionsTests", dependencies: ["JobDescriptions"]),
        .testTarget(name: "ARCIntegrationTests", dependencies: ["ARCIntegration", "JobDescriptions"]),
        .testTarget(
            name: "StagingTests",
            dependencies: [
                "Staging",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ArkdEngineTests",
            dependencies: [
                "ArkdEngine",
                "KubernetesClient",
                "KubernetesFake",
                "KubernetesFixtures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ArkctlTests", dependencies: ["arkctl", "arkd", "ArkdEngine"]),
        .testTarget(
            name: "ArkdServerTests",
            dependencies: [
                "ArkdServer",
                "ArkdEngine",
                "KubernetesClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "KubernetesClientTests",
            dependencies: [
                "KubernetesClient",
                "KubernetesFixtures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "KubernetesFakeTests",
            dependencies: [
                "KubernetesFake",
                "KubernetesFixtures",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Checks Manifests/deploy against a trimmed copy of the Kubernetes API schema (Schemas/).
        .testTarget(
            name: "DeployManifestTests",
            dependencies: ["ArkdEngine", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Schemas")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
