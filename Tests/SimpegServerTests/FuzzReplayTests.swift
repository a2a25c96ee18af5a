import Foundation
import SimpegFuzzFrames
import SimpegFuzzTargets
import Testing

/// Replays the fuzzers' committed seed corpus and every regression input (Tools/fuzz) through
/// the same targets the fuzzers run, without the fuzzer, so a crash once found stays fixed.
@Suite struct FuzzReplayTests {
  /// Tools/fuzz in this checkout.
  static let fuzzFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Tools/fuzz")

  /// The inputs of `target`: its corpus, then its regressions, by file name.
  static func inputs(_ target: String, from folder: String) throws -> [(name: String, bytes: [UInt8])] {
    let directory = fuzzFolder.appendingPathComponent(folder).appendingPathComponent(target)
    guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
      .filter { !$0.hasPrefix(".") }
      .map { name in (name, Array(try Data(contentsOf: directory.appendingPathComponent(name)))) }
  }

  @Test func frameInputsReadAlikeWholeAndSliced() throws {
    let corpus = try Self.inputs("frames", from: "Corpus")
    #expect(corpus.count >= 5, "the frames corpus is missing")
    for input in try corpus + Self.inputs("frames", from: "Regressions") {
      let finding = FrameFuzzing.run(input.bytes)
      #expect(finding == nil, "\(input.name): \(finding.map { "\($0)" } ?? "")")
    }
  }

  @Test func dispatchInputsEndWellAndKeepTheDaemonConsistent() async throws {
    let corpus = try Self.inputs("dispatch", from: "Corpus")
    #expect(corpus.count >= DispatchFuzzing.methods.count, "the corpus lacks methods")
    let harness = try await DispatchFuzzing(sampleSeed: 1)
    for input in try corpus + Self.inputs("dispatch", from: "Regressions") {
      let finding = await harness.run(input.bytes)
      #expect(finding == nil, "\(input.name): \(finding.map { "\($0)" } ?? "")")
    }
    try await harness.close()
  }

  @Test func theSeedsCoverEveryMethod() {
    let seeds = FuzzSeeds.dispatch()
    let methods = Set(seeds.map { DispatchFuzzing.methods[Int($0.bytes[0])].descriptor.fullName })
    #expect(methods.count == DispatchFuzzing.methods.count)
  }
}
