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

    // MARK: RPC runtime: frames, connections, server and client. Knows NIO, not the domain.

    // MARK: The rules of the domain. Pure: no I/O.
    .target(name: "SimpegKinerja", exclude: ["README.md"]),

    // MARK: Generated messages and stubs (Tools/generate; never edited by hand).

    // MARK: The stub generator (a protoc plugin) and its library.

    // MARK: Tests: storage

    // MARK: Tests: RPC and generator

    // MARK: Tests: rules
    .testTarget(name: "SimpegKinerjaTests", dependencies: ["SimpegKinerja"]),

  ],
  swiftLanguageModes: [.v6]
)
