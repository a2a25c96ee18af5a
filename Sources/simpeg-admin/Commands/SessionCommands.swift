import ArgumentParser
import Foundation
import SimpegAPI
import SimpegAdmin
import SimpegRPC

/// `login USERNAME`: opens a session and remembers it in the context.
struct Login: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Log in and remember the session (and the address) in the context.",
    discussion: """
      The password is read from the terminal without echo, or from standard input when it is \
      not a terminal (or with --password-stdin). The session token is stored in the context \
      named by --context (else the current one, else `default`), which becomes the current one.
      """)

  @Argument(help: "The username: `admin`, an operator's name, or an employee's NIP.")
  var username: String

  @Flag(help: "Read the password from standard input, without a prompt.")
  var passwordStdin = false

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let console = output.console
    var flags = connection.flags
    flags.tokenFile = nil
    var environment = ProcessInfo.processInfo.environment
    environment["SIMPEG_TOKEN"] = nil
    // A context named for the first time starts from the flags and the defaults.
    let contexts = try ContextFile.load(from: ContextFile.path(environment: environment)).file
    let isNew = flags.context.map { contexts.contexts[$0] == nil } ?? false
    if isNew { flags.context = nil }
    let session = try AdminSession(
      flags: flags, environment: environment, console: console, ignoringContexts: isNew)
    let password = try PasswordReader.read(
      prompt: "Password for \(username) at \(session.settings.address): ", fromStandardInput: passwordStdin)
    var request = Simpeg_V1_LoginRequest()
    request.username = username
    request.password = password
    let response = try await session.withConnection { connection in
      try await connection.auth.login(request, options: connection.unary)
    }
    let name = connection.context ?? session.contexts.current ?? ContextFile.defaultName
    var file = session.contexts
    let settings = session.settings
    file.contexts[name] = AdminContext(
      address: settings.address.description, tls: settings.tls, caFile: settings.caFile,
      serverName: settings.serverName, token: response.token, username: response.account.username)
    file.current = name
    try file.save(to: session.contextsPath)
    if console.isJSON {
      try console.printJSON(
        .object([
          "context": .string(name), "address": .string(settings.address.description),
          "account": .message(response.account), "expiresAt": .message(response.expiresAt),
        ]))
    } else {
      console.print(
        "logged in as \(response.account.username) at \(settings.address) (context \(name)), "
          + "session until \(Display.time(response.expiresAt))")
    }
    if response.account.mustChangePassword {
      console.warn("this account must change its password: run `simpeg-admin passwd`")
    }
  }
}

/// `logout`: ends the session and forgets its token.
struct Logout: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "End the session (AuthService/Logout) and forget its token.")

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let console = output.console
    let session = try AdminSession(
      flags: connection.flags, environment: ProcessInfo.processInfo.environment, console: console)
    guard session.settings.token != nil else {
      console.notice("not logged in")
      if console.isJSON { try console.printJSON(.object(["loggedOut": .bool(false)])) }
      return
    }
    var ended = true
    do {
      try await session.withConnection { connection in
        _ = try await connection.auth.logout(Simpeg_V1_LogoutRequest(), options: connection.unary)
      }
    } catch let error as RPCError where error.code == .unauthenticated {
      ended = false
      console.notice("the session had ended already")
    }
    if case .context(let name) = session.settings.tokenSource {
      var file = session.contexts
      file.contexts[name]?.token = nil
      try file.save(to: session.contextsPath)
    } else if let source = session.settings.tokenSource {
      console.warn("the token came from \(source); remove it there too")
    }
    if console.isJSON {
      try console.printJSON(.object(["loggedOut": .bool(true), "sessionEnded": .bool(ended)]))
    } else {
      console.print("logged out")
    }
  }
}

/// `whoami`: the account of the credential in use.
struct WhoAmI: ConnectedCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami", abstract: "Show the account the credential in use belongs to.")

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run(_ connection: AdminConnection, _ console: Console) async throws {
    let response = try await connection.auth.whoAmI(Simpeg_V1_WhoAmIRequest(), options: connection.unary)
    if console.isJSON {
      try console.printJSON(.message(response))
    } else {
      var list = RecordTables.account(response.account)
      list.add("credential", response.credential)
      list.add("positions", response.positionIds.map(String.init).joined(separator: ", "))
      list.add("daemon", connection.settings.address.description)
      console.print(list)
    }
    if response.account.mustChangePassword {
      console.warn("this account must change its password: run `simpeg-admin passwd`")
    }
  }
}

/// `passwd`: changes the logged-in account's password.
struct ChangePassword: ConnectedCommand {
  static let configuration = CommandConfiguration(
    commandName: "passwd",
    abstract: "Change your password (AuthService/ChangePassword); other sessions end.",
    discussion: """
      Asks for the current password, then the new one twice, without echo. Without a terminal, \
      reads the current and the new password as two lines of standard input.
      """)

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run(_ connection: AdminConnection, _ console: Console) async throws {
    var request = Simpeg_V1_ChangePasswordRequest()
    request.oldPassword = try PasswordReader.read(prompt: "Current password: ")
    request.newPassword = try PasswordReader.readNew(
      prompt: "New password (at least 10 characters): ", confirmation: "New password again: ")
    _ = try await connection.auth.changePassword(request, options: connection.unary)
    if console.isJSON {
      try console.printJSON(.object(["changed": .bool(true)]))
    } else {
      console.print("password changed; your other sessions have ended")
    }
  }
}
