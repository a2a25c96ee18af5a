import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One named way to reach a daemon: its address, TLS settings and the session token of the
/// last login there.
public struct AdminContext: Codable, Sendable, Hashable {
  /// `host:port`.
  public var address: String
  /// Whether to connect with TLS.
  public var tls: Bool
  /// A PEM file of CA certificates to trust instead of the system's.
  public var caFile: String?
  /// The name expected in the daemon's certificate, when it differs from the host.
  public var serverName: String?
  /// The session token of the last login, if still logged in.
  public var token: String?
  /// Who logged in, for listings.
  public var username: String?

  /// Creates a context.
  public init(
    address: String, tls: Bool = false, caFile: String? = nil, serverName: String? = nil,
    token: String? = nil, username: String? = nil
  ) {
    self.address = address
    self.tls = tls
    self.caFile = caFile
    self.serverName = serverName
    self.token = token
    self.username = username
  }
}

/// The contexts file (`~/.config/simpeg/contexts.json`, or `SIMPEG_ADMIN_CONFIG`): named
/// contexts and the current one, so flags need not be repeated.
///
/// It holds session tokens, so it is written with mode 0600 in a folder of mode 0700, through
/// a temporary file and a rename (a crash leaves the old file or the new one, never half of
/// one). Loading a file that others may read yields a warning.
public struct ContextFile: Codable, Sendable, Hashable {
  /// The name of the current context, if any.
  public var current: String?
  /// The contexts by name.
  public var contexts: [String: AdminContext]

  /// An empty file.
  public init(current: String? = nil, contexts: [String: AdminContext] = [:]) {
    self.current = current
    self.contexts = contexts
  }

  /// The name a context gets when none is given.
  public static let defaultName = "default"

  /// Where the file lives: `SIMPEG_ADMIN_CONFIG`, else `$HOME/.config/simpeg/contexts.json`.
  public static func path(environment: [String: String]) -> String {
    if let path = environment["SIMPEG_ADMIN_CONFIG"], !path.isEmpty { return path }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/simpeg/contexts.json"
  }

  /// The file at `path` and warnings about it; an empty file when none exists.
  public static func load(from path: String) throws -> (file: ContextFile, warnings: [String]) {
    guard FileManager.default.fileExists(atPath: path) else { return (ContextFile(), []) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw AdminFailure(.failed, "cannot read the contexts file \(path): \(error.localizedDescription)")
    }
    let file: ContextFile
    do {
      file = try JSONDecoder().decode(ContextFile.self, from: data)
    } catch {
      throw AdminFailure(
        .usage, "the contexts file \(path) is not valid: \(error)",
        hint: "fix or remove it; `simpeg-admin context set` and `login` write a new one")
    }
    var warnings: [String] = []
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
      warnings.append(
        "the contexts file \(path) holds session tokens but others may read it (mode "
          + "\(String(info.st_mode & 0o777, radix: 8))); run `chmod 600 \(path)`")
    }
    return (file, warnings)
  }

  /// Writes the file to `path` (mode 0600), creating its folder (mode 0700) if needed.
  public func save(to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(self) + Data("\n".utf8)
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw AdminFailure(.failed, "cannot write \(temporary): \(String(cString: strerror(errno)))")
    }
    var failure: String?
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    close(descriptor)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw AdminFailure(.failed, "cannot write the contexts file \(path): \(failure)")
    }
  }

  /// The context named `name`, or the current one when `name` is nil.
  public func context(named name: String?) -> (name: String, context: AdminContext)? {
    guard let name = name ?? current, let context = contexts[name] else { return nil }
    return (name, context)
  }
}
