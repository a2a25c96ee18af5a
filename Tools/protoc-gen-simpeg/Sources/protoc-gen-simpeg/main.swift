import SimpegGenerator
import SwiftProtobufPluginLibrary

/// protoc-gen-simpeg: the protoc plugin that writes simpeg's service stubs.
///
/// Run by protoc as `--simpeg_out=DIR` (see Tools/generate); options by `--simpeg_opt`.
struct ProtocGenSimpeg: CodeGenerator {
  func generate(
    files: [FileDescriptor],
    parameter: any CodeGeneratorParameter,
    protoCompilerContext: any ProtoCompilerContext,
    generatorOutputs: any GeneratorOutputs
  ) throws {
    let options = try GeneratorOptions(pairs: parameter.parsedPairs)
    for output in SimpegCodeGenerator(options: options).generate(files: files) {
      try generatorOutputs.add(fileName: output.name, contents: output.contents)
    }
  }

  var supportedFeatures: [Google_Protobuf_Compiler_CodeGeneratorResponse.Feature] {
    [.proto3Optional]
  }

  var version: String? { "1.0.0" }

  var projectURL: String? { "Tools/protoc-gen-simpeg in the simpeg repository" }
}

ProtocGenSimpeg.main()
