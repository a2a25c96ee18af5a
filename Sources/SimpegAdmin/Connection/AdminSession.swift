import Foundation
import SimpegAPI

/// What every connected command starts from: the contexts file, the settings resolved from the
/// flags, the environment and that file, and a connection made with them.
public struct AdminSession: Sendable {
  /// The version of simpeg-admin.
  public static let version = "simpeg-admin 0.1.0"

  /// Where the contexts file lives.
  public let contextsPath: String
  /// The contexts file as loaded.
  public let contexts: ContextFile
  /// The resolved settings.
  public let settings: ConnectionSettings

  /// Loads the contexts file (printing its warnings) and resolves `flags`; with
  /// `ignoringContexts`, as if the file held no contexts (for a context being created).
  public init(
    flags: ConnectionFlags, environment: [String: String], console: Console, ignoringContexts: Bool = false
  ) throws {
    contextsPath = ContextFile.path(environment: environment)
    let loaded = try ContextFile.load(from: contextsPath)
    for warning in loaded.warnings { console.warn(warning) }
    contexts = loaded.file
    settings = try ConnectionSettings.resolve(
      flags: flags, environment: environment, file: ignoringContexts ? ContextFile() : contexts)
  }

  /// Runs `body` with a connection, closed afterwards.
  public func withConnection<T: Sendable>(
    streamTimeout: Duration? = nil, _ body: (AdminConnection) async throws -> T
  ) async throws -> T {
    let connection = try AdminConnection(settings: settings, streamTimeout: streamTimeout)
    do {
      let result = try await body(connection)
      await connection.close()
      return result
    } catch {
      await connection.close()
      throw error
    }
  }
}
