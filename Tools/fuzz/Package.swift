// swift-tools-version: 6.1
// simpeg's fuzzers: libFuzzer executables over the fuzz targets of SimpegFuzzTargets (in the main
// package, where the tests replay the corpus). A package of its own so the main build never
// pays for the fuzzer instrumentation. Built and run by Tools/fuzz/run; see README.md.

import PackageDescription

let package = Package(
  name: "simpeg-fuzz",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "simpeg", path: "../..")
  ],
  targets: [
    // Bytes read as a client's side of a connection: frame decoder, SETTINGS, call header.
    .executableTarget(
      name: "fuzz-frames",
      dependencies: [.product(name: "SimpegFuzzFrames", package: "simpeg")]
    ),
    // A request for any method through simpegd's dispatcher.
    .executableTarget(
      name: "fuzz-dispatch",
      dependencies: [.product(name: "SimpegFuzzTargets", package: "simpeg")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
