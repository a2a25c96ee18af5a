import ArgumentParser
import Foundation
import SimpegAdmin

/// `context`: the named connections of the contexts file.
struct ContextCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "context",
    abstract: "Named connections (address, TLS, session) so flags need not be repeated.",
    discussion: """
      The contexts file is ~/.config/simpeg/contexts.json (or SIMPEG_ADMIN_CONFIG), mode 0600: \
      it holds session tokens. `login` writes the session into the current context.
      """,
    subcommands: [List.self, Use.self, Show.self, SetContext.self, Delete.self])

  /// The contexts file and where it is.
  static func load(_ console: Console) throws -> (path: String, file: ContextFile) {
    let path = ContextFile.path(environment: ProcessInfo.processInfo.environment)
    let loaded = try ContextFile.load(from: path)
    for warning in loaded.warnings { console.warn(warning) }
    return (path, loaded.file)
  }

  /// A context as JSON, without its token.
  static func json(_ name: String, _ context: AdminContext, current: Bool) -> JSONOutput.Value {
    var members: [String: JSONOutput.Value] = [
      "name": .string(name), "address": .string(context.address), "tls": .bool(context.tls),
      "current": .bool(current), "loggedIn": .bool(context.token != nil),
    ]
    if let caFile = context.caFile { members["caFile"] = .string(caFile) }
    if let serverName = context.serverName { members["serverName"] = .string(serverName) }
    if let username = context.username { members["username"] = .string(username) }
    return .object(members)
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the contexts.")
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      let (_, file) = try ContextCommand.load(console)
      let names = file.contexts.keys.sorted()
      if console.isJSON {
        try console.printJSON(
          .object([
            "current": file.current.map(JSONOutput.Value.string) ?? .null,
            "contexts": .array(
              names.map { ContextCommand.json($0, file.contexts[$0]!, current: $0 == file.current) }),
          ]))
        return
      }
      var table = TextTable([.init("CURRENT"), .init("NAME"), .init("ADDRESS"), .init("TLS"), .init("USER")])
      for name in names {
        let context = file.contexts[name]!
        table.append([
          name == file.current ? "*" : "", name, context.address, context.tls ? "yes" : "no",
          context.token == nil ? "" : context.username ?? "",
        ])
      }
      console.print(table, empty: "no contexts yet; `simpeg-admin login USERNAME` creates one")
    }
  }

  struct Use: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make a context the current one.")
    @Argument(help: "The context's name.") var name: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      var (path, file) = try ContextCommand.load(console)
      guard file.contexts[name] != nil else {
        throw AdminFailure(
          .notFound, "there is no context named '\(name)'", hint: "`simpeg-admin context list`")
      }
      file.current = name
      try file.save(to: path)
      if console.isJSON {
        try console.printJSON(.object(["current": .string(name)]))
      } else {
        console.print("current context: \(name)")
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a context (default: the one commands would use), never its token.")
    @Argument(help: "The context's name.") var name: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      let (path, file) = try ContextCommand.load(console)
      guard let (name, context) = file.context(named: name) else {
        throw AdminFailure(
          .notFound, name.map { "there is no context named '\($0)'" } ?? "there is no current context",
          hint: "`simpeg-admin login USERNAME` or `context set NAME --address HOST:PORT` makes one")
      }
      if console.isJSON {
        guard case .object(var members) = ContextCommand.json(name, context, current: name == file.current)
        else { return }
        members["file"] = .string(path)
        try console.printJSON(.object(members))
        return
      }
      var list = KeyValueList()
      list.add("name", name + (name == file.current ? " (current)" : ""))
      list.add("address", context.address)
      list.add("tls", context.tls ? "yes" : "no")
      list.add("ca file", context.caFile ?? "")
      list.add("server name", context.serverName ?? "")
      list.add("session", context.token == nil ? "none" : "logged in as \(context.username ?? "?")")
      list.add("file", path)
      console.print(list)
    }
  }

  struct SetContext: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Create or change a context's address and TLS settings.")
    @Argument(help: "The context's name.") var name: String
    @Option(help: "The daemon's HOST:PORT.") var address: String?
    @Flag(inversion: .prefixedNo, help: "Connect with TLS.") var tls: Bool?
    @Option(help: ArgumentHelp("A PEM file of CA certificates to trust.", valueName: "file")) var caFile:
      String?
    @Option(help: ArgumentHelp("The name in the daemon's certificate.", valueName: "name")) var serverName:
      String?
    @Flag(help: "Make it the current context.") var use = false
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      var (path, file) = try ContextCommand.load(console)
      var context = file.contexts[name] ?? AdminContext(address: DaemonAddress.standard.description)
      if let address {
        let parsed = try DaemonAddress(parsing: address)
        if parsed.description != context.address { context.token = nil }
        context.address = parsed.description
      }
      if let tls { context.tls = tls }
      if let caFile {
        context.caFile = caFile.isEmpty ? nil : caFile
        if tls == nil, !caFile.isEmpty { context.tls = true }
      }
      if let serverName { context.serverName = serverName.isEmpty ? nil : serverName }
      file.contexts[name] = context
      if use || file.current == nil { file.current = name }
      try file.save(to: path)
      if console.isJSON {
        try console.printJSON(ContextCommand.json(name, context, current: name == file.current))
      } else {
        console.print("context \(name): \(context.address)\(context.tls ? " (TLS)" : "")")
      }
    }
  }

  struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a context (its session is forgotten, not ended: `logout` ends it).")
    @Argument(help: "The context's name.") var name: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      var (path, file) = try ContextCommand.load(console)
      guard file.contexts.removeValue(forKey: name) != nil else {
        throw AdminFailure(
          .notFound, "there is no context named '\(name)'", hint: "`simpeg-admin context list`")
      }
      if file.current == name { file.current = nil }
      try file.save(to: path)
      if console.isJSON {
        try console.printJSON(.object(["deleted": .string(name)]))
      } else {
        console.print("deleted context \(name)")
      }
    }
  }
}
