import ArgumentParser
import Foundation
import SimpegAdmin

/// Where the daemon is and which credential to send; anything not given comes from
/// `SIMPEG_TOKEN`, then the context, then the defaults.
struct ConnectionOptions: ParsableArguments {
  @Option(help: "The daemon's HOST:PORT (default: the context's, else 127.0.0.1:7400).")
  var address: String?

  @Flag(inversion: .prefixedNo, help: "Connect with TLS (default: the context's, else no).")
  var tls: Bool?

  @Option(help: ArgumentHelp("A PEM file of CA certificates to trust (implies --tls).", valueName: "file"))
  var caFile: String?

  @Option(help: ArgumentHelp("The name in the daemon's certificate (implies --tls).", valueName: "name"))
  var serverName: String?

  @Option(help: ArgumentHelp("Read the session token from this file.", valueName: "file"))
  var tokenFile: String?

  @Option(help: ArgumentHelp("Use this context instead of the current one.", valueName: "name"))
  var context: String?

  @Option(
    help: ArgumentHelp("Seconds a call may take (default 60; streams: no limit).", valueName: "seconds"))
  var timeout: Double?

  var flags: ConnectionFlags {
    ConnectionFlags(
      address: address, tls: tls, caFile: caFile, serverName: serverName, tokenFile: tokenFile,
      context: context, timeoutSeconds: timeout)
  }

  func validate() throws {
    if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
  }
}

/// How results are printed.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON for scripts (on standard output; errors stay on standard error).")
  var json = false

  @Flag(name: [.short, .long], help: "No progress and no notices.")
  var quiet = false

  var console: Console { Console(format: json ? .json : .human, quiet: quiet) }
}

/// A command that talks to the daemon: it resolves its connection, runs, and closes it.
protocol ConnectedCommand: AsyncParsableCommand {
  var connection: ConnectionOptions { get }
  var output: OutputOptions { get }

  /// How long a stream of this command may take; nil for no limit.
  var streamTimeout: Duration? { get }

  /// The command's work over an open connection.
  func run(_ connection: AdminConnection, _ console: Console) async throws
}

extension ConnectedCommand {
  var streamTimeout: Duration? {
    connection.timeout.map { .milliseconds(Int64($0 * 1000)) }
  }

  mutating func run() async throws {
    let command = self
    let console = output.console
    let session = try AdminSession(
      flags: connection.flags, environment: ProcessInfo.processInfo.environment, console: console)
    try await session.withConnection(streamTimeout: streamTimeout) { connection in
      try await command.run(connection, console)
    }
  }
}
