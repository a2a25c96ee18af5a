// swift-tools-version: 6.1
// simpeg: the personnel system of Kota Salatiga. See README.md and Schema/PROTOCOL.md.

import PackageDescription

let package = Package(
  name: "simpeg",
  platforms: [.macOS(.v15)],
  products: [],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
    .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.30.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
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

    // MARK: The rules of the domain. Pure: no I/O.

    // MARK: Generated messages and stubs (Tools/generate; never edited by hand).

    // MARK: The stub generator (a protoc plugin) and its library.

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
        "SimpegStore",
        "store-crash-writer",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/SimpegStoreTests"
    ),

    // MARK: Tests: RPC and generator

    // MARK: Tests: rules

  ],
  swiftLanguageModes: [.v6]
)
