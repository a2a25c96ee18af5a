import Foundation

/// Settings resolved from four layers, each overriding the one before: built-in defaults, a
/// configuration file, the environment, the command line. simpegd and simpeg-web read theirs
/// this way.
///
/// The configuration file holds `name = value` lines; `#` starts a comment; blank lines are
/// ignored; names are those of the catalogue. Durations take `ms`, `s`, `m`, `h` suffixes
/// (`90s`, `12h`; a bare number is seconds); sizes take `KiB`, `MiB`, `GiB` (a bare number is
/// bytes). The typed readers name the setting and the expected form in every error.
public struct LayeredSettings: Sendable {
  /// Every setting the program knows.
  public let catalogue: [Setting]
  private let values: [String: String]

  /// Resolves settings. `flags` maps names to values and `environment` variable names to
  /// values; `configurationFile` is read when given. Unknown names in the file or the flags are
  /// errors that name the line or the flag.
  public init(
    catalogue: [Setting], flags: [String: String], environment: [String: String],
    configurationFile: String?
  ) throws(SettingsError) {
    self.catalogue = catalogue
    var values: [String: String] = [:]
    for setting in catalogue {
      if let value = setting.defaultValue { values[setting.name] = value }
    }
    if let path = configurationFile {
      for (name, value) in try Self.parseFile(at: path, catalogue: catalogue) { values[name] = value }
    }
    for setting in catalogue {
      if let value = environment[setting.environmentVariable] { values[setting.name] = value }
    }
    for (name, value) in flags {
      guard catalogue.contains(where: { $0.name == name }) else {
        throw SettingsError("unknown setting '\(name)'")
      }
      values[name] = value
    }
    self.values = values
  }

  /// The resolved text of `name`; nil when unset.
  public subscript(name: String) -> String? { values[name] }

  /// Parses a configuration file into names and values.
  static func parseFile(at path: String, catalogue: [Setting]) throws(SettingsError) -> [(String, String)] {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw SettingsError("cannot read the configuration file \(path): \(error.localizedDescription)")
    }
    var pairs: [(String, String)] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard !line.isEmpty else { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty else {
        throw SettingsError("\(path):\(index + 1): expected 'name = value', got '\(line)'")
      }
      guard catalogue.contains(where: { $0.name == parts[0] }) else {
        throw SettingsError(
          "\(path):\(index + 1): unknown setting '\(parts[0])'; known: "
            + catalogue.map(\.name).joined(separator: ", "))
      }
      pairs.append((parts[0], parts[1]))
    }
    return pairs
  }

  // MARK: Typed values

  /// The text of a setting that must be set and not empty.
  public func text(_ name: String) throws(SettingsError) -> String {
    guard let value = values[name], !value.isEmpty else { throw SettingsError("\(name) is not set") }
    return value
  }

  /// A `host:port` setting (`[v6]:port` too); an empty host means every interface.
  public func address(_ name: String) throws(SettingsError) -> (host: String, port: Int) {
    let value = try text(name)
    guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
      (0...65_535).contains(port)
    else { throw SettingsError("\(name) must be host:port, e.g. 127.0.0.1:7400, not '\(value)'") }
    var host = String(value[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "0.0.0.0" : host, port)
  }

  /// A `host:port` setting that may also be `off`; nil when off.
  public func optionalAddress(_ name: String) throws(SettingsError) -> (host: String, port: Int)? {
    if values[name]?.lowercased() == "off" { return nil }
    return try address(name)
  }

  /// A whole number within `range`.
  public func integer(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    let value = try text(name)
    guard let number = Int(value), range.contains(number) else {
      throw SettingsError(
        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
    }
    return number
  }

  /// A duration such as `30s`, `5m`, `12h` or `250ms`.
  public func duration(_ name: String) throws(SettingsError) -> Duration {
    let value = try text(name)
    guard let parsed = Self.parseDuration(value) else {
      throw SettingsError("\(name) must be a duration like 30s, 5m, 12h or 14d, not '\(value)'")
    }
    return parsed
  }

  /// A size such as `4MiB` within `range` bytes.
  public func size(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    let value = try text(name)
    guard let parsed = Self.parseSize(value), range.contains(parsed) else {
      throw SettingsError(
        "\(name) must be a size like 4MiB from \(range.lowerBound) to \(range.upperBound) bytes, not '\(value)'"
      )
    }
    return parsed
  }

  /// One of `choices` (compared without case).
  public func choice(_ name: String, of choices: [String]) throws(SettingsError) -> String {
    let value = try text(name).lowercased()
    guard choices.contains(value) else {
      throw SettingsError("\(name) must be one of \(choices.joined(separator: ", ")), not '\(value)'")
    }
    return value
  }

  /// A comma-separated list, each item trimmed; empty when unset or blank.
  public func list(_ name: String) -> [String] {
    (values[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// Two settings that go together, such as a certificate and its key: both or neither.
  public func pair(_ first: String, _ second: String) throws(SettingsError) -> (String, String)? {
    switch (values[first].flatMap { $0.isEmpty ? nil : $0 }, values[second].flatMap { $0.isEmpty ? nil : $0 })
    {
    case (let a?, let b?): return (a, b)
    case (nil, nil): return nil
    default: throw SettingsError("\(first) and \(second) go together: set both or neither")
    }
  }

  /// The log level name: trace, debug, info, notice, warning, error or critical.
  public func logLevel(_ name: String = "log-level") throws(SettingsError) -> String {
    try choice(name, of: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
  }

  /// Parses `250ms`, `30s`, `5m`, `12h`, `14d` or a bare number of seconds.
  public static func parseDuration(_ text: String) -> Duration? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      guard let number = Double(text.dropLast(suffix.count)), number >= 0 else { return nil }
      return .milliseconds(Int64(number * factor * 1000))
    }
    guard let seconds = Double(text), seconds >= 0 else { return nil }
    return .milliseconds(Int64(seconds * 1000))
  }

  /// Parses `4MiB`, `512KiB`, `1GiB` or a bare number of bytes.
  public static func parseSize(_ text: String) -> Int? {
    let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      guard let number = Int(text.dropLast(suffix.count)), number >= 0 else { return nil }
      return number * factor
    }
    return Int(text)
  }
}

/// A setting that cannot be used, with what to change.
public struct SettingsError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What is wrong.
  public let description: String

  /// Creates an error.
  public init(_ description: String) { self.description = description }
}
