// swift-tools-version: 6.1
// The gRPC peer of the RPC benchmark: the same echo messages and handler as simpeg's, served and
// called over gRPC (HTTP/2) with grpc-swift-2 and grpc-swift-nio-transport. A package of its own
// so the main build never pays for gRPC. Built and run by Tools/bench/rpc/run.

import PackageDescription

let package = Package(
  name: "simpeg-grpc-peer",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "simpeg", path: "../../.."),
    .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.0.0"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.0.0"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.0.0"),
  ],
  targets: [
    .executableTarget(
      name: "simpeg-bench-grpc",
      dependencies: [
        .product(name: "SimpegEcho", package: "simpeg"),
        .product(name: "SimpegRPC", package: "simpeg"),
        .product(name: "SimpegBenchKit", package: "simpeg"),
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
