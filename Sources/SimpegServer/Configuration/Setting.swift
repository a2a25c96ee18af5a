import Foundation

/// One setting of simpegd: its name in the configuration file, its environment variable and
/// flag, its default and what it means. ``Settings/all`` is the single list the file parser,
/// the environment reader, `--help` and the README's table come from.
public struct Setting: Sendable, Hashable {
  /// The key in the configuration file and the long flag without dashes, e.g. `listen`.
  public let name: String
  /// The default, as text; nil when unset by default.
  public let defaultValue: String?
  /// What the setting does, for `--help`.
  public let help: String

  /// The environment variable: `SIMPEG_` and the name uppercased, dashes as underscores.
  public var environmentVariable: String {
    "SIMPEG_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
  }
}
