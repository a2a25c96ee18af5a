// swift-tools-version: 6.1
// simpeg: the personnel system of Kota Salatiga. See README.md and Schema/PROTOCOL.md.

import PackageDescription

let package = Package(
  name: "simpeg",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "protoc-gen-simpeg", targets: ["protoc-gen-simpeg"]),
    // For the benchmark peers under Tools/bench, which are packages of their own.
    .library(name: "SimpegEcho", targets: ["SimpegEcho"]),
    .library(name: "SimpegBenchKit", targets: ["SimpegBenchKit"]),
    // For the fuzzers under Tools/fuzz, a package of its own built with the fuzzer sanitizer.
    .library(name: "SimpegFuzzTargets", targets: ["SimpegFuzzTargets"]),
    // The frames target alone, which needs only the RPC runtime: quick enough to build and run
    // briefly in Tools/test.
    .library(name: "SimpegFuzzFrames", targets: ["SimpegFuzzFrames"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
    .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.30.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
    // The web tier (simpeg-web). No default traits: neither swift-configuration nor full Foundation.
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
  ],
  targets: [
    // MARK: Storage: LMDB environment, transactions, tables, writer, backup. Knows LMDB, not the domain.
    .systemLibrary(
      name: "CLMDB",
      path: "Sources/CLMDB",
      pkgConfig: "lmdb",
      providers: [.apt(["liblmdb-dev"])]
    ),
    .target(
      name: "SimpegStore",
      dependencies: [
        "CLMDB",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      path: "Sources/SimpegStore",
      exclude: ["README.md"]
    ),
    .executableTarget(
      name: "simpeg-bench-store",
      dependencies: [
        "SimpegStore",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/bench/store/Sources/simpeg-bench-store"
    ),

    // MARK: RPC runtime: frames, connections, server and client. Knows NIO, not the domain.
    .target(
      name: "SimpegRPC",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["README.md"]
    ),
    // Unary echo throughput and latency of the protocol (Tools/bench/rpc).
    .executableTarget(
      name: "simpeg-bench-rpc",
      dependencies: ["SimpegEcho", "SimpegBenchKit"],
      path: "Tools/bench/rpc/Sources/simpeg-bench-rpc"
    ),
    // LogActivity durable throughput and watch-stream delivery delay (Tools/bench/performance).
    .executableTarget(
      name: "simpeg-bench-performance",
      dependencies: [
        "SimpegBenchDaemon", "SimpegBenchKit",
        "SimpegServer", "SimpegAPI", "SimpegRPC", "SimpegLoad",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/bench/performance/Sources/simpeg-bench-performance"
    ),
    // GetEmployee and a supervisor's ListActivities from 1k to 1M employees (Tools/bench/growth).
    .executableTarget(
      name: "simpeg-bench-growth",
      dependencies: [
        "SimpegBenchDaemon",
        "SimpegServer", "SimpegAPI", "SimpegRPC", "SimpegBenchKit",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/bench/growth/Sources/simpeg-bench-growth"
    ),
    // The daemon side the growth and performance benchmarks run in a child process.
    .target(
      name: "SimpegBenchDaemon",
      dependencies: [
        "SimpegServer", "SimpegStore", "SimpegBenchKit", .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/bench/kit/Sources/SimpegBenchDaemon"
    ),
    // The closed-loop load harness the benchmarks share (and their peers, e.g. gRPC).
    .target(
      name: "SimpegBenchKit",
      dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")],
      path: "Tools/bench/kit/Sources/SimpegBenchKit"
    ),
    // Turnaround report latency of a unit with 100k requests (Tools/bench/publicservice).
    .executableTarget(
      name: "simpeg-bench-publicservice",
      dependencies: [
        "SimpegServer", "SimpegAPI", "SimpegKinerja", "SimpegStore",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/bench/publicservice/Sources/simpeg-bench-publicservice"
    ),
    // The echo service (Schema/simpeg/echo/v1) with an in-memory handler: for the runtime's own
    // tests and benchmarks, never served by simpegd.
    .target(
      name: "SimpegEcho",
      dependencies: [
        "SimpegRPC",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]
    ),

    // MARK: The server: handlers joining the API, the rules and the store; authentication,
    // authorisation, audit.
    .target(
      name: "SimpegServer",
      dependencies: [
        "SimpegAPI",
        "SimpegSettings",
        "SimpegKinerja",
        "SimpegStore",
        "SimpegRPC",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["README.md"]
    ),

    // The fuzz targets' logic (Tools/fuzz): the fuzzers call it, and the tests replay the
    // committed corpus and regressions through it.
    .target(
      name: "SimpegFuzzFrames",
      dependencies: ["SimpegRPC", .product(name: "NIOCore", package: "swift-nio")],
      path: "Tools/fuzz/Sources/SimpegFuzzFrames"
    ),
    .target(
      name: "SimpegFuzzTargets",
      dependencies: [
        "SimpegFuzzFrames",
        "SimpegServer",
        "SimpegAPI",
        "SimpegRPC",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tools/fuzz/Sources/SimpegFuzzTargets"
    ),

    // MARK: Executables: configuration and wiring only.
    .executableTarget(
      name: "simpegd",
      dependencies: [
        "SimpegServer",
        "SimpegStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ]
    ),

    // MARK: The operators' client: simpeg-admin and the library it wires (connection and contexts,
    // tables and JSON, CSV, progress, backups, the generic JSON call, exit statuses).
    .target(
      name: "SimpegAdmin",
      dependencies: [
        "SimpegAPI",
        "SimpegKinerja",
        "SimpegStore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(
      name: "simpeg-admin",
      dependencies: [
        "SimpegAdmin",
        "SimpegAPI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: The load generator: simpeg-load and the library it wires (scenarios and mixes, closed
    // and open loops, the recorder, reports, setting up accounts on a running daemon).
    .target(
      name: "SimpegLoad",
      dependencies: [
        "SimpegAPI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Histogram", package: "hdrhistogram-swift"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(
      name: "simpeg-load",
      dependencies: ["SimpegLoad"]
    ),

    // MARK: The rules of the domain. Pure: no I/O.
    .target(name: "SimpegKinerja", exclude: ["README.md"]),

    // MARK: Generated messages and stubs (Tools/generate; never edited by hand).
    .target(
      name: "SimpegAPI",
      dependencies: [
        "SimpegRPC",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]
    ),

    // MARK: The stub generator (a protoc plugin) and its library.
    .target(
      name: "SimpegGenerator",
      dependencies: [
        .product(name: "SwiftProtobufPluginLibrary", package: "swift-protobuf")
      ],
      path: "Tools/protoc-gen-simpeg/Sources/SimpegGenerator"
    ),
    .executableTarget(
      name: "protoc-gen-simpeg",
      dependencies: [
        "SimpegGenerator",
        .product(name: "SwiftProtobufPluginLibrary", package: "swift-protobuf"),
      ],
      path: "Tools/protoc-gen-simpeg/Sources/protoc-gen-simpeg"
    ),

    // MARK: Tests: child processes without Foundation's Process (see ChildProcess.swift)
    .target(name: "CSpawn", path: "Tests/CSpawn"),
    .target(name: "SimpegTestSupport", dependencies: ["CSpawn"], path: "Tests/SimpegTestSupport"),

    // MARK: Tests: storage
    .executableTarget(
      name: "store-crash-writer",
      dependencies: [
        "SimpegStore",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/StoreCrashWriter"
    ),
    .testTarget(
      name: "SimpegStoreTests",
      dependencies: [
        "SimpegTestSupport",
        "SimpegStore",
        "store-crash-writer",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      path: "Tests/SimpegStoreTests"
    ),

    // MARK: Tests: RPC and generator
    .testTarget(
      name: "SimpegRPCTests",
      dependencies: [
        "SimpegTestSupport",
        "SimpegRPC",
        "SimpegEcho",
        "SimpegAPI",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SimpegGeneratorTests",
      dependencies: [
        "SimpegGenerator",
        .product(name: "SwiftProtobufPluginLibrary", package: "swift-protobuf"),
      ],
      resources: [.copy("Golden")]
    ),

    // MARK: Tests: server
    .testTarget(
      name: "SimpegServerTests",
      dependencies: [
        "SimpegServer",
        "SimpegFuzzTargets",
        "SimpegFuzzFrames",
        "SimpegAPI",
        "SimpegStore",
        "SimpegKinerja",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]
    ),

    // End-to-end: the real simpegd and simpeg-admin binaries started as processes.
    .testTarget(
      name: "SimpegEndToEndTests",
      dependencies: [
        "SimpegTestSupport",
        "SimpegAPI",
        "SimpegStore",
        "SimpegKinerja",
        "SimpegLoad",
        "simpegd",
        "simpeg-admin",
        "simpeg-load",
        "simpeg-web",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["Fixtures"]
    ),

    // MARK: Tests: the operators' client
    .testTarget(
      name: "SimpegAdminTests",
      dependencies: [
        "SimpegAdmin", "SimpegAPI", "SimpegKinerja", "SimpegStore",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]
    ),

    // MARK: Tests: the load generator
    .testTarget(
      name: "SimpegLoadTests",
      dependencies: [
        "SimpegLoad", "SimpegAPI",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]
    ),

    // MARK: Settings in four layers (defaults, file, environment, flags), shared by simpegd and
    // simpeg-web so both read their settings alike. Foundation only.
    .target(name: "SimpegSettings"),

    // MARK: The web tier: simpeg-web, the Connect/JSON gateway over a pooled client of simpegd, SSE,
    // sessions for people, and the web app's static files. An app of simpegd like any other: it
    // never depends on SimpegServer or SimpegStore.
    .target(
      name: "SimpegWeb",
      dependencies: [
        "SimpegAPI",
        "SimpegSettings",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      exclude: ["README.md"],
      resources: [.copy("Public")]
    ),
    .executableTarget(
      name: "simpeg-web",
      dependencies: [
        "SimpegWeb",
        "SimpegSettings",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ]
    ),
    .testTarget(
      name: "SimpegWebTests",
      dependencies: [
        "SimpegWeb", "SimpegAPI", "SimpegSettings", "SimpegEcho", "SimpegTestSupport",
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),

    // MARK: Tests: rules
    .testTarget(name: "SimpegKinerjaTests", dependencies: ["SimpegKinerja"]),

  ],
  swiftLanguageModes: [.v6]
)
