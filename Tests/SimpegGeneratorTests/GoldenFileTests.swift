import Foundation
import SwiftProtobuf
import SwiftProtobufPluginLibrary
import Testing

@testable import SimpegGenerator

/// Compares the generator's output for the fixture protos in Golden/ with the committed
/// `.golden` files. After an intended change of the generated code, refresh them with
/// `SIMPEG_UPDATE_GOLDEN=1 swift test --filter SimpegGeneratorTests` and review the diff.
@Suite struct GoldenFileTests {
  static let goldenFolder = Bundle.module.resourceURL!.appendingPathComponent("Golden")

  static func generate(
    _ protoFiles: [String], options: GeneratorOptions = GeneratorOptions()
  ) throws -> [SimpegCodeGenerator.OutputFile] {
    let data = try Data(contentsOf: goldenFolder.appendingPathComponent("fixtures.protoset"))
    let set = try Google_Protobuf_FileDescriptorSet(serializedBytes: data)
    let descriptors = DescriptorSet(proto: set)
    let files = try protoFiles.map { name in
      try #require(descriptors.fileDescriptor(named: name), "fixture \(name) missing")
    }
    return SimpegCodeGenerator(options: options).generate(files: files)
  }

  static func expectMatchesGolden(_ output: SimpegCodeGenerator.OutputFile, golden: String) throws {
    if ProcessInfo.processInfo.environment["SIMPEG_UPDATE_GOLDEN"] == "1" {
      // Write into the source tree, not the bundle copy.
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(golden)
      try output.contents.write(to: source, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(
      contentsOf: goldenFolder.appendingPathComponent(golden), encoding: .utf8)
    #expect(output.contents == expected, "generated \(output.name) differs from Golden/\(golden)")
  }

  @Test func everyCallKindWithCommentsMatchesGolden() throws {
    let outputs = try Self.generate(["kitchen.proto"])
    #expect(outputs.map(\.name) == ["kitchen.simpeg.swift"])
    try Self.expectMatchesGolden(outputs[0], golden: "kitchen.simpeg.swift.golden")
  }

  @Test func fileWithoutPackageMatchesGolden() throws {
    let outputs = try Self.generate(
      ["bare.proto"], options: try GeneratorOptions(pairs: [(key: "Visibility", value: "Internal")]))
    try Self.expectMatchesGolden(outputs[0], golden: "bare.simpeg.swift.golden")
  }

  @Test func catalogueListsEveryServiceOfTheRun() throws {
    let options = try GeneratorOptions(pairs: [(key: "Catalogue", value: "FixtureCatalogue")])
    let outputs = try Self.generate(["kitchen.proto", "bare.proto", "empty.proto"], options: options)
    #expect(
      outputs.map(\.name) == ["kitchen.simpeg.swift", "bare.simpeg.swift", "FixtureCatalogue.simpeg.swift"])
    try Self.expectMatchesGolden(outputs[2], golden: "FixtureCatalogue.simpeg.swift.golden")
  }

  @Test func fileWithoutServicesProducesNoStubFile() throws {
    #expect(try Self.generate(["empty.proto"]).isEmpty)
  }

  @Test(arguments: [
    ("FullPath", "simpeg/v1/health.simpeg.swift"),
    ("PathToUnderscores", "simpeg_v1_health.simpeg.swift"),
    ("DropPath", "health.simpeg.swift"),
  ])
  func fileNamingOptionNamesOutputs(option: String, expected: String) throws {
    let options = try GeneratorOptions(pairs: [(key: "FileNaming", value: option)])
    #expect(options.outputFileName(forProto: "simpeg/v1/health.proto") == expected)
  }

  @Test func unknownOptionIsRefusedByName() {
    #expect(throws: GeneratorError("unknown option 'Visiblity'; known: Visibility, FileNaming, Catalogue")) {
      try GeneratorOptions(pairs: [(key: "Visiblity", value: "Public")])
    }
  }

  @Test func badVisibilityValueIsRefused() {
    #expect(throws: GeneratorError.self) {
      try GeneratorOptions(pairs: [(key: "Visibility", value: "Open")])
    }
  }
}
