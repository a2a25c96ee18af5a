/// The options of protoc-gen-simpeg, given as `--simpeg_opt=Key=Value` (comma separated).
///
/// They follow protoc-gen-swift's spelling, so one options line serves both plugins.
public struct GeneratorOptions: Sendable, Equatable {
  /// The access level of everything generated.
  public enum Visibility: String, Sendable {
    /// `internal` declarations.
    case `internal` = "Internal"
    /// `public` declarations.
    case `public` = "Public"
    /// `package` declarations.
    case package = "Package"
  }

  /// How an output file is named from its proto file's path.
  public enum FileNaming: String, Sendable {
    /// `simpeg/v1/health.proto` -> `simpeg/v1/health.simpeg.swift`.
    case fullPath = "FullPath"
    /// `simpeg/v1/health.proto` -> `simpeg_v1_health.simpeg.swift` (one flat folder per module).
    case pathToUnderscores = "PathToUnderscores"
    /// `simpeg/v1/health.proto` -> `health.simpeg.swift`.
    case dropPath = "DropPath"
  }

  /// The access level; default public.
  public var visibility: Visibility = .public
  /// The file naming; default full path.
  public var fileNaming: FileNaming = .fullPath
  /// When set, one more file of this name lists every service of the run (a catalogue for
  /// generic clients), e.g. `SimpegCatalogue` -> `SimpegCatalogue.simpeg.swift` with an enum
  /// `SimpegCatalogue`.
  public var catalogue: String?

  /// Default options.
  public init() {}

  /// Parses protoc's parameter pairs; an unknown key or value is an error naming it.
  public init(pairs: [(key: String, value: String)]) throws {
    for (key, value) in pairs {
      switch key {
      case "Visibility":
        guard let parsed = Visibility(rawValue: value) else {
          throw GeneratorError("Visibility must be Internal, Public or Package, not '\(value)'")
        }
        visibility = parsed
      case "FileNaming":
        guard let parsed = FileNaming(rawValue: value) else {
          throw GeneratorError(
            "FileNaming must be FullPath, PathToUnderscores or DropPath, not '\(value)'")
        }
        fileNaming = parsed
      case "Catalogue":
        guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
          throw GeneratorError("Catalogue must be a Swift type name, not '\(value)'")
        }
        catalogue = value
      default:
        throw GeneratorError(
          "unknown option '\(key)'; known: Visibility, FileNaming, Catalogue")
      }
    }
  }

  /// The keyword for the access level.
  var accessModifier: String {
    switch visibility {
    case .internal: return "internal"
    case .public: return "public"
    case .package: return "package"
    }
  }

  /// The output file name for a proto file path.
  func outputFileName(forProto path: String) -> String {
    let base = path.hasSuffix(".proto") ? String(path.dropLast(".proto".count)) : path
    let name: String
    switch fileNaming {
    case .fullPath: name = base
    case .pathToUnderscores: name = base.replacingOccurrences(of: "/", with: "_")
    case .dropPath: name = String(base.split(separator: "/").last ?? Substring(base))
    }
    return name + ".simpeg.swift"
  }
}

/// A generation failure with a message for whoever runs protoc.
public struct GeneratorError: Error, CustomStringConvertible, Equatable {
  /// What is wrong.
  public let description: String

  /// Creates an error.
  public init(_ description: String) { self.description = description }
}
