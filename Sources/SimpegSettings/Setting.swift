import Foundation

/// One setting of a program: its name in the configuration file, its environment variable and
/// flag, its default and what it means. A program's list of them is the single source its file
/// parser, environment reader, `--help` and README table come from.
public struct Setting: Sendable, Hashable {
  /// The key in the configuration file and the long flag without dashes, e.g. `listen`.
  public let name: String
  /// The default, as text; nil when unset by default.
  public let defaultValue: String?
  /// What the setting does, for `--help`.
  public let help: String
  /// What the environment variable starts with, e.g. `SIMPEG_` for simpegd.
  public let environmentPrefix: String

  /// Creates a setting; its environment variable is `environmentPrefix` and the name uppercased.
  public init(
    name: String, defaultValue: String?, help: String, environmentPrefix: String = "SIMPEG_"
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.help = help
    self.environmentPrefix = environmentPrefix
  }

  /// The environment variable: the prefix and the name uppercased, dashes as underscores, e.g.
  /// `SIMPEG_LISTEN`.
  public var environmentVariable: String {
    environmentPrefix + name.uppercased().replacingOccurrences(of: "-", with: "_")
  }
}
