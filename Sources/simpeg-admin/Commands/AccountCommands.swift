import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `account`: accounts, roles, scopes, passwords.
struct AccountCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account",
    abstract:
      "Accounts: add (one, or a unit's in bulk), add-service, list, show, disable, enable, reset-password, roles, scopes.",
    discussion: "An ACCOUNT is named by its id or username.",
    subcommands: [
      Add.self, AddUnit.self, AddService.self, List.self, Show.self, Disable.self, Enable.self,
      ResetPassword.self, Roles.self, Scopes.self, RevokeSessions.self,
    ])

  /// Prints one account.
  static func show(_ account: Simpeg_V1_Account, _ console: Console) throws {
    try console.show(account, RecordTables.account)
  }

  struct Add: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a user account: an operator by username, or an employee by --nip.",
      discussion: """
        Without --password-stdin the daemon chooses the initial password and it is shown once. \
        The person must change it at their first login.
        """)
    @Argument(help: "An operator's username (omit with --nip).") var username: String?
    @Option(help: "The employee's NIP: the account's username.") var nip: String?
    @Option(help: "ADMIN or AUDITOR (repeatable).") var role: [String] = []
    @Option(help: "The name shown in listings.") var displayName: String = ""
    @Flag(help: "Read the initial password from standard input.") var passwordStdin = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if (username == nil) == (nip == nil) { throw ValidationError("give a USERNAME or --nip, not both") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.username = username ?? ""
      request.nip = nip ?? ""
      request.roles = try role.map(OptionValues.role)
      request.displayName = displayName
      if passwordStdin {
        request.initialPassword = try PasswordReader.read(prompt: "", fromStandardInput: true)
      }
      let response = try await connection.accounts.createUserAccount(request, options: connection.unary)
      if console.isJSON {
        var members: [String: JSONOutput.Value] = ["account": .message(response.account)]
        if !response.initialPassword.isEmpty {
          members["initialPassword"] = .string(response.initialPassword)
        }
        try console.printJSON(.object(members))
        return
      }
      console.print(RecordTables.account(response.account))
      if !response.initialPassword.isEmpty {
        console.secret(
          "initial password (shown once; must be changed at first login)", response.initialPassword)
      }
    }
  }

  struct AddService: ConnectedCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-service",
      abstract: "Add a service account for an internal app; give it API keys with `apikey create`.")
    @Argument(help: "The service's name, e.g. absensi.") var name: String
    @Option(help: "A scope, e.g. employees.read (repeatable).") var scope: [String] = []
    @Option(help: "The name shown in listings.") var displayName: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreateServiceAccountRequest()
      request.name = name
      request.scopes = scope
      request.displayName = displayName
      let response = try await connection.accounts.createServiceAccount(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.object(["account": .message(response.account)]))
      } else {
        console.print(RecordTables.account(response.account))
      }
    }
  }

  struct List: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "List accounts.")
    @Option(help: "USER or SERVICE only.") var kind: String?
    @Flag(help: "Include disabled accounts.") var includeDisabled = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ListAccountsRequest()
      if let kind {
        request.kind = try OptionValues.enumValue(kind, Simpeg_V1_AccountKind.self, what: "kind")
      }
      request.includeDisabled = includeDisabled
      let accounts = try await Pages.all(request) {
        let page = try await connection.accounts.listAccounts($0, options: connection.unary)
        return (page.accounts, page.page.nextPageToken)
      }
      if console.isJSON {
        try console.printJSON(.object(["accounts": .array(accounts.map { .message($0) })]))
      } else {
        console.print(RecordTables.accounts(accounts))
      }
    }
  }

  struct Show: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Show an account.")
    @Argument(help: "The account.") var account: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetAccountRequest()
      request.account = References.account(account)
      try AccountCommand.show(
        try await connection.accounts.getAccount(request, options: connection.unary), console)
    }
  }

  struct Disable: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions end.")
    @Argument(help: "The account.") var account: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetAccountDisabledRequest()
      request.account = References.account(account)
      request.disabled = true
      request.reason = reason
      try AccountCommand.show(
        try await connection.accounts.setAccountDisabled(request, options: connection.unary), console)
    }
  }

  struct Enable: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
    @Argument(help: "The account.") var account: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetAccountDisabledRequest()
      request.account = References.account(account)
      request.disabled = false
      try AccountCommand.show(
        try await connection.accounts.setAccountDisabled(request, options: connection.unary), console)
    }
  }

  struct ResetPassword: ConnectedCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset-password",
      abstract: "Give an account a new temporary password (shown once); its sessions end.")
    @Argument(help: "The account.") var account: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ResetPasswordRequest()
      request.account = References.account(account)
      let response = try await connection.accounts.resetPassword(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(
          .object(["account": .string(account), "temporaryPassword": .string(response.temporaryPassword)]))
      } else {
        console.secret(
          "temporary password for \(account) (shown once; must be changed at next login)",
          response.temporaryPassword)
      }
    }
  }

  struct Roles: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Set a user account's roles (replacing them).")
    @Argument(help: "The account.") var account: String
    @Option(help: "ADMIN or AUDITOR (repeatable).") var role: [String] = []
    @Flag(help: "Remove every role.") var none = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if role.isEmpty != none { throw ValidationError("give --role (repeatable) or --none") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetRolesRequest()
      request.account = References.account(account)
      request.roles = try role.map(OptionValues.role)
      try AccountCommand.show(
        try await connection.accounts.setRoles(request, options: connection.unary), console)
    }
  }

  struct Scopes: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set a service account's scopes (replacing them).")
    @Argument(help: "The account.") var account: String
    @Option(help: "A scope, e.g. org.read (repeatable).") var scope: [String] = []
    @Flag(help: "Remove every scope.") var none = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if scope.isEmpty != none { throw ValidationError("give --scope (repeatable) or --none") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetScopesRequest()
      request.account = References.account(account)
      request.scopes = scope
      try AccountCommand.show(
        try await connection.accounts.setScopes(request, options: connection.unary), console)
    }
  }

  struct RevokeSessions: ConnectedCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke-sessions", abstract: "End every session of an account.")
    @Argument(help: "The account.") var account: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_RevokeSessionsRequest()
      request.account = References.account(account)
      let response = try await connection.accounts.revokeSessions(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.message(response))
      } else {
        console.print("ended \(response.revoked) sessions of \(account)")
      }
    }
  }
}

/// `apikey`: API keys of service accounts.
struct ApiKeyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apikey",
    abstract: "API keys of service accounts: create (the secret is shown once), list, revoke.",
    subcommands: [Create.self, List.self, Revoke.self])

  struct Create: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Create an API key; its secret is shown once.")
    @Argument(help: "The service account.") var account: String
    @Option(help: "What the key is for, e.g. \"absensi production\".") var label: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreateApiKeyRequest()
      request.account = References.account(account)
      request.label = label
      let response = try await connection.accounts.createApiKey(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.object(["key": .message(response.key), "secret": .string(response.secret)]))
        return
      }
      console.print(RecordTables.apiKeys([response.key]))
      console.secret(
        "secret (shown once; the app sends it as `authorization: ApiKey <secret>`)", response.secret)
    }
  }

  struct List: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "List a service account's API keys.")
    @Argument(help: "The service account.") var account: String
    @Flag(help: "Include revoked keys.") var includeRevoked = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ListApiKeysRequest()
      request.account = References.account(account)
      request.includeRevoked = includeRevoked
      let keys = try await Pages.all(request) {
        let page = try await connection.accounts.listApiKeys($0, options: connection.unary)
        return (page.keys, page.page.nextPageToken)
      }
      if console.isJSON {
        try console.printJSON(.object(["keys": .array(keys.map { .message($0) })]))
      } else {
        console.print(RecordTables.apiKeys(keys))
      }
    }
  }

  struct Revoke: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke an API key; it stops working at once.")
    @Argument(help: "The key's id.") var key: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_RevokeApiKeyRequest()
      request.keyID = try References.id(key, of: "an API key")
      let revoked = try await connection.accounts.revokeApiKey(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.message(revoked))
      } else {
        console.print(RecordTables.apiKeys([revoked]))
      }
    }
  }
}
