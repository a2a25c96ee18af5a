// swift-tools-version: 6.1
// simpeg: the personnel system of Kota Salatiga. See README.md and Schema/PROTOCOL.md.
//
// Every target declares each module its sources import (nothing reaches a target only through
// another's dependencies, and no module re-exports another). The daemon's targets come first,
// then the tests, then the benchmarks (Tools/bench) and the fuzz targets (Tools/fuzz).

import PackageDescription

// MARK: Products of the dependencies, named once

let swiftProtobuf: Target.Dependency = .product(name: "SwiftProtobuf", package: "swift-protobuf")
let protobufPluginLibrary: Target.Dependency = .product(
  name: "SwiftProtobufPluginLibrary", package: "swift-protobuf")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let cryptoExtras: Target.Dependency = .product(name: "_CryptoExtras", package: "swift-crypto")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1: Target.Dependency = .product(name: "NIOHTTP1", package: "swift-nio")
let nioEmbedded: Target.Dependency = .product(name: "NIOEmbedded", package: "swift-nio")
let nioLocks: Target.Dependency = .product(name: "NIOConcurrencyHelpers", package: "swift-nio")
let nioSSL: Target.Dependency = .product(name: "NIOSSL", package: "swift-nio-ssl")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let serviceLifecycle: Target.Dependency = .product(
  name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals: Target.Dependency = .product(name: "UnixSignals", package: "swift-service-lifecycle")
let histogram: Target.Dependency = .product(name: "Histogram", package: "hdrhistogram-swift")
let httpTypes: Target.Dependency = .product(name: "HTTPTypes", package: "swift-http-types")

/// What a daemon's executable (simpegd, simpeg-web) wires: flags, the service group, signals,
/// logs and metrics.
let daemonWiring: [Target.Dependency] = [
  argumentParser, serviceLifecycle, unixSignals, logging, metrics, prometheus,
]

/// What a client of simpegd's API imports: the messages and stubs, the runtime they are written
/// in and the protobuf library of the messages.
let apiClient: [Target.Dependency] = ["SimpegAPI", "SimpegRPC", swiftProtobuf]

// MARK: The daemon, its libraries and its clients

let daemonTargets: [Target] = [
  // Storage: LMDB environment, transactions, tables, writer, backup. Knows LMDB, not the domain.
  .systemLibrary(
    name: "CLMDB",
    path: "Sources/CLMDB",
    pkgConfig: "lmdb",
    providers: [.apt(["liblmdb-dev"])]
  ),
  .target(
    name: "SimpegStore",
    dependencies: ["CLMDB", swiftProtobuf, crypto, logging, nioLocks],
    path: "Sources/SimpegStore",
    exclude: ["README.md"],
    // Release builds keep the bodies of the store's generic code (tables, indexes, keys) in its
    // module, so SimpegServer specialises them for its own record types instead of running them
    // through generic metadata and existentials on the writer thread (Tools/bench/README.md,
    // "Where the durable write's time went").
    swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
  ),

  // RPC runtime: frames, connections, server and client. Knows NIO, not the domain.
  .target(
    name: "SimpegRPC",
    dependencies: [nioCore, nioPosix, nioSSL, swiftProtobuf, logging, nioLocks],
    exclude: ["README.md"]
  ),
  // The echo service (Schema/simpeg/echo/v1) with an in-memory handler: for the runtime's own
  // tests and benchmarks, never served by simpegd.
  .target(name: "SimpegEcho", dependencies: ["SimpegRPC", swiftProtobuf]),

  // Generated messages and stubs (Tools/generate; never edited by hand).
  .target(name: "SimpegAPI", dependencies: ["SimpegRPC", swiftProtobuf]),

  // The rules of the domain. Pure: no I/O.
  .target(name: "SimpegKinerja", exclude: ["README.md"]),

  // Settings in four layers (defaults, file, environment, flags), shared by simpegd and
  // simpeg-web so both read their settings alike. Foundation only.
  .target(name: "SimpegSettings"),

  // The server: handlers joining the API, the rules and the store; authentication,
  // authorisation, audit.
  .target(
    name: "SimpegServer",
    dependencies: apiClient + [
      "SimpegSettings", "SimpegKinerja", "SimpegStore",
      crypto, cryptoExtras, logging, metrics, prometheus, nioCore, nioPosix, nioHTTP1, nioLocks,
    ],
    exclude: ["README.md"]
  ),

  // Executables: configuration and wiring only.
  .executableTarget(
    name: "simpegd",
    dependencies: ["SimpegServer", "SimpegStore"] + daemonWiring
  ),

  // The operators' client: simpeg-admin and the library it wires (connection and contexts,
  // tables and JSON, CSV, progress, backups, the generic JSON call, exit statuses).
  .target(
    name: "SimpegAdmin",
    dependencies: apiClient + ["SimpegKinerja", "SimpegStore", crypto, nioLocks],
    exclude: ["README.md"]
  ),
  .executableTarget(
    name: "simpeg-admin",
    dependencies: ["SimpegAdmin", "SimpegAPI", "SimpegRPC", "SimpegStore", argumentParser]
  ),

  // The load generator: simpeg-load and the library it wires (scenarios and mixes, closed and
  // open loops, the recorder, reports, setting up accounts on a running daemon).
  .target(
    name: "SimpegLoad",
    dependencies: ["SimpegAPI", "SimpegRPC", argumentParser, histogram, nioLocks],
    exclude: ["README.md"]
  ),
  .executableTarget(name: "simpeg-load", dependencies: ["SimpegLoad"]),

  // The web tier: simpeg-web, the Connect/JSON gateway over a pooled client of simpegd, SSE,
  // sessions for people, and the web app's static files. An app of simpegd like any other: it
  // never depends on SimpegServer or SimpegStore.
  .target(
    name: "SimpegWeb",
    dependencies: apiClient + [
      "SimpegSettings",
      .product(name: "Hummingbird", package: "hummingbird"),
      .product(name: "HummingbirdCore", package: "hummingbird"),
      .product(name: "HummingbirdTLS", package: "hummingbird"),
      httpTypes,
      .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
      nioCore, nioSSL, logging, metrics, serviceLifecycle, nioLocks,
    ],
    exclude: ["README.md"],
    resources: [.copy("Public")]
  ),
  .executableTarget(
    name: "simpeg-web",
    dependencies: ["SimpegWeb", "SimpegSettings"] + daemonWiring
  ),

  // The stub generator (a protoc plugin) and its library.
  .target(
    name: "SimpegGenerator",
    dependencies: [protobufPluginLibrary, swiftProtobuf],
    path: "Tools/protoc-gen-simpeg/Sources/SimpegGenerator"
  ),
  .executableTarget(
    name: "protoc-gen-simpeg",
    dependencies: ["SimpegGenerator", protobufPluginLibrary],
    path: "Tools/protoc-gen-simpeg/Sources/protoc-gen-simpeg"
  ),
]

// MARK: Tests

let testTargets: [Target] = [
  // Child processes without Foundation's Process (see ChildProcess.swift).
  .target(name: "CSpawn", path: "Tests/CSpawn"),
  .target(name: "SimpegTestSupport", dependencies: ["CSpawn"], path: "Tests/SimpegTestSupport"),
  // Holding the store's writer so that requests share a batch, for the store's and the server's tests.
  .target(
    name: "SimpegStoreTestSupport", dependencies: ["SimpegStore"], path: "Tests/SimpegStoreTestSupport"),

  // Storage.
  .executableTarget(
    name: "store-crash-writer",
    dependencies: ["SimpegStore", swiftProtobuf, logging],
    path: "Tests/StoreCrashWriter"
  ),
  .testTarget(
    name: "SimpegStoreTests",
    dependencies: [
      "SimpegTestSupport", "SimpegStoreTestSupport", "SimpegStore", swiftProtobuf, logging, nioLocks,
      // Built to be run as a child process, not imported.
      "store-crash-writer",
    ],
    path: "Tests/SimpegStoreTests"
  ),

  // RPC and generator.
  .testTarget(
    name: "SimpegRPCTests",
    dependencies: [
      "SimpegTestSupport", "SimpegRPC", "SimpegEcho", "SimpegAPI", swiftProtobuf,
      nioCore, nioPosix, nioEmbedded, nioLocks,
    ],
    resources: [.copy("Fixtures")]
  ),
  .testTarget(
    name: "SimpegGeneratorTests",
    dependencies: ["SimpegGenerator", protobufPluginLibrary, swiftProtobuf],
    resources: [.copy("Golden")]
  ),

  // The server.
  .testTarget(
    name: "SimpegServerTests",
    dependencies: apiClient + [
      "SimpegServer", "SimpegSettings", "SimpegFuzzTargets", "SimpegFuzzFrames", "SimpegStore",
      "SimpegStoreTestSupport", "SimpegKinerja", crypto, logging, nioLocks,
    ]
  ),

  // End-to-end: the real simpegd and simpeg-admin binaries started as processes.
  .testTarget(
    name: "SimpegEndToEndTests",
    dependencies: apiClient + [
      "SimpegTestSupport", "SimpegStore", "SimpegKinerja", "SimpegLoad", nioLocks,
      // Built to be run as child processes, not imported.
      "simpegd", "simpeg-admin", "simpeg-load", "simpeg-web",
    ],
    exclude: ["Fixtures"]
  ),

  // The operators' client.
  .testTarget(
    name: "SimpegAdminTests",
    dependencies: apiClient + ["SimpegAdmin", "SimpegStore", crypto, logging, nioLocks]
  ),

  // The load generator.
  .testTarget(
    name: "SimpegLoadTests",
    dependencies: ["SimpegLoad", "SimpegAPI", "SimpegRPC", argumentParser, nioLocks]
  ),

  // The web tier.
  .testTarget(
    name: "SimpegWebTests",
    dependencies: apiClient + [
      "SimpegWeb", "SimpegSettings", "SimpegEcho", "SimpegTestSupport",
      httpTypes, nioCore, nioLocks, logging, serviceLifecycle,
    ]
  ),

  // The rules.
  .testTarget(name: "SimpegKinerjaTests", dependencies: ["SimpegKinerja"]),
]

// MARK: Benchmarks (Tools/bench): each prints its figures beside a peer's

let benchTargets: [Target] = [
  // The store's durable writes and reads.
  .executableTarget(
    name: "simpeg-bench-store",
    dependencies: ["SimpegStore", swiftProtobuf, logging],
    path: "Tools/bench/store/Sources/simpeg-bench-store"
  ),
  // Unary echo throughput and latency of the protocol (Tools/bench/rpc).
  .executableTarget(
    name: "simpeg-bench-rpc",
    dependencies: ["SimpegEcho", "SimpegBenchKit", "SimpegRPC", nioCore, nioPosix],
    path: "Tools/bench/rpc/Sources/simpeg-bench-rpc"
  ),
  // LogActivity durable throughput and watch-stream delivery delay (Tools/bench/performance).
  .executableTarget(
    name: "simpeg-bench-performance",
    dependencies: [
      "SimpegBenchDaemon", "SimpegBenchKit", "SimpegServer", "SimpegAPI", "SimpegRPC", "SimpegLoad",
    ],
    path: "Tools/bench/performance/Sources/simpeg-bench-performance"
  ),
  // GetEmployee and a supervisor's ListActivities from 1k to 1M employees (Tools/bench/growth).
  .executableTarget(
    name: "simpeg-bench-growth",
    dependencies: ["SimpegBenchDaemon", "SimpegServer", "SimpegAPI", "SimpegRPC", "SimpegBenchKit", logging],
    path: "Tools/bench/growth/Sources/simpeg-bench-growth"
  ),
  // The daemon side the growth and performance benchmarks run in a child process.
  .target(
    name: "SimpegBenchDaemon",
    dependencies: ["SimpegServer", "SimpegStore", "SimpegBenchKit", logging],
    path: "Tools/bench/kit/Sources/SimpegBenchDaemon"
  ),
  // The closed-loop load harness the benchmarks share (and their peers, e.g. gRPC).
  .target(
    name: "SimpegBenchKit",
    dependencies: [histogram],
    path: "Tools/bench/kit/Sources/SimpegBenchKit"
  ),
  // Turnaround report latency of a unit with 100k requests (Tools/bench/publicservice).
  .executableTarget(
    name: "simpeg-bench-publicservice",
    dependencies: apiClient + ["SimpegServer", "SimpegKinerja", "SimpegStore", histogram, logging],
    path: "Tools/bench/publicservice/Sources/simpeg-bench-publicservice"
  ),
]

// MARK: Fuzz targets' logic (Tools/fuzz): the fuzzers call it, and the tests replay the
// committed corpus and regressions through it

let fuzzTargets: [Target] = [
  .target(
    name: "SimpegFuzzFrames",
    dependencies: ["SimpegRPC", nioCore],
    path: "Tools/fuzz/Sources/SimpegFuzzFrames"
  ),
  .target(
    name: "SimpegFuzzTargets",
    dependencies: apiClient + ["SimpegFuzzFrames", "SimpegServer", nioCore, nioEmbedded, logging],
    path: "Tools/fuzz/Sources/SimpegFuzzTargets"
  ),
]

let package = Package(
  name: "simpeg",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "protoc-gen-simpeg", targets: ["protoc-gen-simpeg"]),
    // For the benchmark peers under Tools/bench, which are packages of their own.
    .library(name: "SimpegEcho", targets: ["SimpegEcho"]),
    .library(name: "SimpegRPC", targets: ["SimpegRPC"]),
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
  targets: daemonTargets + testTargets + benchTargets + fuzzTargets,
  swiftLanguageModes: [.v6]
)
