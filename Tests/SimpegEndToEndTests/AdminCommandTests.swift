import Foundation
import SimpegAPI
import Testing

extension AdminEndToEnd {
  /// Every simpeg-admin command against the real daemon, its `--json` output parsed.
  @Suite struct AdminCommandTests {
    /// Runs `arguments` with `--json`, expects exit 0 and returns the parsed object.
    private func json(
      _ cli: AdminCLI, _ arguments: [String], input: String? = nil,
      sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
      let run = try await cli.run(arguments + ["--json"], input: input)
      #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
      return try run.object()
    }

    /// The day `days` after today in Western Indonesia (the daemon's day), as YYYY-MM-DD.
    private static func wibDay(plus days: Int) -> String {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
      let day = calendar.dateComponents(
        [.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: Date())!)
      return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }

    /// Every command and subcommand of simpeg-admin, from its help.
    private func leafCommands(_ cli: AdminCLI, _ path: [String] = []) async throws -> [[String]] {
      let help = try await cli.run(path + ["--help"])
      guard let start = help.stdout.range(of: "SUBCOMMANDS:") else { return [path] }
      var leaves: [[String]] = []
      for line in help.stdout[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        .dropFirst()
      {
        if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
        // A subcommand's line is indented by two; its abstract may continue on deeper lines.
        guard line.hasPrefix("  "), line.dropFirst(2).first != " " else { continue }
        guard let name = line.split(separator: " ").first, name != "help" else { continue }
        leaves += try await leafCommands(cli, path + [String(name)])
      }
      return leaves
    }

    @Test func everyCommandOffersJSONAndTheDocumentedExitStatuses() async throws {
      let cli = try AdminCLI()
      defer { cli.removeFolder() }
      let leaves = try await leafCommands(cli)
      #expect(leaves.count >= 50, "\(leaves)")
      for leaf in leaves {
        let help = try await cli.run(leaf + ["--help"])
        #expect(help.stdout.contains("--json"), "\(leaf.joined(separator: " ")) has no --json")
      }
      let root = try await cli.run(["--help"])
      #expect(root.stdout.contains("7 verification failed"))
      let usage = try await cli.run(["unit", "add", "--bogus"])
      #expect(usage.status == 2, "\(usage)")
    }

    @Test func sessionAndContextCommandsPrintJSON() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      let password = try AdminCLI.bootstrapPassword(of: daemon)
      let login = try await json(
        cli,
        [
          "login", "admin", "--address", "127.0.0.1:\(daemon.rpcPort)", "--context", "kota",
          "--password-stdin",
        ],
        input: password + "\n")
      #expect(login.object("account").string("username") == "admin")
      #expect(login.string("context") == "kota")
      #expect(!"\(login)".contains(try cli.token(of: "kota")), "the token is never printed")
      let mode = try FileManager.default.attributesOfItem(atPath: cli.contextsFile.path)[.posixPermissions]
      #expect((mode as? NSNumber)?.intValue == 0o600)

      let whoami = try await json(cli, ["whoami"])
      #expect(whoami.object("account").bool("mustChangePassword"))
      #expect(whoami.string("credential") == "session")

      let set = try await json(cli, ["context", "set", "latihan", "--address", "127.0.0.1:9"])
      #expect(set.string("address") == "127.0.0.1:9")
      #expect(!set.bool("current"))
      let list = try await json(cli, ["context", "list"])
      #expect(list.string("current") == "kota")
      #expect(Set(list.objects("contexts").map { $0.string("name") }) == ["kota", "latihan"])
      #expect(list.objects("contexts").first { $0.string("name") == "kota" }?.bool("loggedIn") == true)
      #expect(try await json(cli, ["context", "use", "latihan"]).string("current") == "latihan")
      let unreachable = try await cli.run(["whoami", "--timeout", "5"])
      #expect(unreachable.status == 3, "\(unreachable)")
      #expect(unreachable.stderr.contains("UNAVAILABLE"))
      _ = try await json(cli, ["context", "use", "kota"])
      let show = try await json(cli, ["context", "show"])
      #expect(show.string("name") == "kota")
      #expect(show["token"] == nil)
      #expect(try await json(cli, ["context", "delete", "latihan"]).string("deleted") == "latihan")

      let changed = try await json(cli, ["passwd"], input: "\(password)\nkata-sandi-baru-2025\n")
      #expect(changed.bool("changed"))
      let logout = try await json(cli, ["logout"])
      #expect(logout.bool("loggedOut"))
      let after = try await cli.run(["whoami"])
      #expect(after.status == 4, "\(after)")
      #expect(after.stderr.contains("simpeg-admin login"))
      let relogin = try await cli.run(
        ["login", "admin", "--password-stdin", "--json"], input: "kata-sandi-baru-2025\n")
      #expect(relogin.status == 0, "\(relogin)")
      #expect(!(try relogin.object().object("account").bool("mustChangePassword")))
      await daemon.stop()
    }

    @Test func organisationCommandsPrintJSON() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      _ = try await SmallOrganisation.build(with: cli)

      let tree = try await json(cli, ["unit", "tree"])
      #expect(
        tree.objects("nodes").map { $0.object("unit").string("code") } == ["PEMKOT", "DISDUKCAPIL", "DAFDUK"])
      let added = try await json(
        cli,
        [
          "unit", "add", "--name", "Bidang Capil", "--kind", "bidang", "--code", "CAPIL", "--parent",
          "PEMKOT",
        ])
      #expect(added.string("kind") == "BIDANG")
      let renamed = try await json(cli, ["unit", "rename", "CAPIL", "--name", "Bidang Pencatatan Sipil"])
      #expect(renamed.string("name") == "Bidang Pencatatan Sipil")
      let moved = try await json(cli, ["unit", "move", "CAPIL", "--parent", "DISDUKCAPIL"])
      #expect(
        moved.string("parentId") == (try await json(cli, ["unit", "show", "DISDUKCAPIL"])).string("id"))
      let listed = try await json(cli, ["unit", "list", "--parent", "DISDUKCAPIL"])
      #expect(listed.objects("units").map { $0.string("code") }.sorted() == ["CAPIL", "DAFDUK"])
      let closed = try await json(cli, ["unit", "close", "CAPIL", "--reason", "Perwali 12/2025"])
      #expect(closed.bool("closed"))

      let positions = try await json(cli, ["position", "list", "--unit", "DAFDUK"])
      let kabid = try #require(positions.objects("positions").first)
      let staff = try await json(
        cli,
        [
          "position", "add", "--unit", "DAFDUK", "--title", "Pengadministrasi Umum", "--kind", "pelaksana",
          "--level", "level_pelaksana", "--supervisor", kabid.string("id"),
        ])
      #expect(
        try await json(cli, ["position", "show", staff.string("id")]).string("title")
          == "Pengadministrasi Umum"
      )
      let siti = try await json(cli, ["employee", "show", SmallOrganisation.nip(2)])
      let assigned = try await json(
        cli, ["position", "assign", kabid.string("id"), siti.string("id"), "--reason", "SK 1"])
      #expect(assigned.string("holderEmployeeId") == siti.string("id"))
      let headed = try await json(cli, ["unit", "head", "DAFDUK", kabid.string("id")])
      #expect(headed.string("headPositionId") == kabid.string("id"))
      let waliKota = try await json(
        cli, ["position", "add", "--unit", "PEMKOT", "--title", "Wali Kota Uji", "--elected"])
      let named = try await json(cli, ["position", "official", waliKota.string("id"), "H. Wali Uji"])
      #expect(named.string("officialHolder") == "H. Wali Uji")
      let unnamed = try await json(cli, ["position", "official", waliKota.string("id"), "--clear"])
      #expect(unnamed["officialHolder"] == nil)
      let chain = try await json(cli, ["position", "chain", staff.string("id")])
      #expect(chain.object("evaluator").string("employeeId") == siti.string("id"))
      // A Plh for the Kabid while Siti is away, from tomorrow (WIB, the daemon's day): the chain
      // on that day names them, the list shows them, and ending it before it begins cancels it.
      let (from, to) = (Self.wibDay(plus: 1), Self.wibDay(plus: 3))
      let plh = try await json(
        cli,
        [
          "position", "plh", "assign", kabid.string("id"), SmallOrganisation.nip(3), "--from", from, "--to",
          to,
          "--reason", "SPT 7/2026",
        ])
      #expect(plh.string("positionId") == kabid.string("id"))
      #expect(plh.string("holderEmployeeId") == siti.string("id"))
      let standingIn = try await json(cli, ["position", "chain", staff.string("id"), "--on", from])
      #expect(standingIn.object("evaluator").object("plh").string("id") == plh.string("id"))
      let ahead = try await json(cli, ["position", "plh", "list", "--position", kabid.string("id")])
      #expect(ahead.objects("plhs").map { $0.string("id") } == [plh.string("id")])
      let served = try await json(cli, ["position", "plh", "list", "--employee", SmallOrganisation.nip(3)])
      #expect(served.objects("plhs").map { $0.string("id") } == [plh.string("id")])
      #expect(try await json(cli, ["position", "plh", "end", plh.string("id")]).bool("cancelled"))
      #expect(
        try await json(cli, ["position", "plh", "list", "--position", kabid.string("id")]).objects("plhs")
          .isEmpty)
      let past = try await json(
        cli, ["position", "plh", "list", "--position", kabid.string("id"), "--include-past"])
      #expect(past.objects("plhs").map { $0.bool("cancelled") } == [true])
      let neither = try await cli.run(["position", "plh", "list"])
      #expect(neither.status == 2, "\(neither)")
      // A reorganisation takes the staff position from under the Kabid and puts it back.
      let detached = try await json(cli, ["position", "supervisor", staff.string("id"), "--clear"])
      #expect(detached["supervisorPositionId"] == nil)
      let reattached = try await json(
        cli, ["position", "supervisor", staff.string("id"), kabid.string("id")])
      #expect(reattached.string("supervisorPositionId") == kabid.string("id"))
      let loop = try await cli.run(["position", "supervisor", kabid.string("id"), staff.string("id")])
      #expect(loop.status == 6, "\(loop)")
      let plt = try await json(
        cli, ["position", "assign", staff.string("id"), SmallOrganisation.nip(3), "--acting"])
      #expect(plt.string("actingEmployeeId") != "")
      let vacated = try await json(cli, ["position", "vacate", staff.string("id"), "--acting"])
      #expect(vacated.string("actingEmployeeId") == "")
      let spare = try await json(
        cli,
        [
          "position", "add", "--unit", "DAFDUK", "--title", "Analis", "--kind", "FUNGSIONAL_KEAHLIAN",
          "--level", "AHLI_PERTAMA",
        ])
      #expect(
        try await json(cli, ["position", "close", spare.string("id"), "--reason", "tidak dipakai"]).bool(
          "closed"))

      let added2 = try await json(
        cli,
        [
          "employee", "add", "--nip", SmallOrganisation.nip(4), "--name", "Ahmad Ma'ruf", "--status", "PNS",
          "--golongan", "II/c", "--unit", "DAFDUK", "--email", "ahmad@salatiga.go.id",
        ])
      #expect(added2.string("gender") == "LAKI_LAKI")
      let updated = try await json(cli, ["employee", "update", added2.string("id"), "--gelar-depan", "Drs."])
      #expect(updated.string("gelarDepan") == "Drs.")
      let transferred = try await json(
        cli,
        [
          "employee", "transfer", added2.string("id"), "--position", staff.string("id"), "--effective",
          "2025-04-01",
        ])
      #expect(transferred.string("positionId") == staff.string("id"))
      let promoted = try await json(cli, ["employee", "promote", added2.string("id"), "--golongan", "II/d"])
      #expect(promoted.object("golongan").string("pns") == "GOLONGAN_IID")
      let history = try await json(cli, ["employee", "show", added2.string("id"), "--history"])
      #expect(history.object("history").objects("ranks").count == 2)
      let retired = try await json(cli, ["employee", "retire", added2.string("id"), "--reason", "pensiun"])
      #expect(retired["active"] == nil, "retired: active is false")
      let search = try await json(cli, ["employee", "search", "siti"])
      #expect(search.objects("employees").map { $0.string("name") } == ["Siti Rahayu"])
      let limited = try await json(cli, ["employee", "search", "--limit", "1", "--include-inactive"])
      #expect(limited.objects("employees").count == 1)
      #expect(limited.bool("more"))
      await daemon.stop()
    }

    @Test func aUnitsAccountsAreAddedInBulkWithEachOneTimePasswordWrittenOnce() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      _ = try await SmallOrganisation.build(with: cli)
      let (budi, siti, niLuh) = (SmallOrganisation.nip(1), SmallOrganisation.nip(2), SmallOrganisation.nip(3))
      _ = try await json(cli, ["account", "add", "--nip", siti])

      let bidang = try await json(cli, ["account", "add-unit", "DAFDUK", "--dry-run"])
      #expect(bidang["wouldCreate"] as? [String] == [niLuh])
      #expect(bidang["existing"] as? [String] == [siti])
      let csv = cli.folder.appendingPathComponent("akun-baru.csv").path
      let made = try await json(cli, ["account", "add-unit", "DISDUKCAPIL", "--subunits", "--csv", csv])
      #expect(Set(made["created"] as? [String] ?? []) == [budi, niLuh])
      #expect(made["existing"] as? [String] == [siti])
      let mode = try FileManager.default.attributesOfItem(atPath: csv)[.posixPermissions] as? Int
      #expect(mode == 0o600)
      let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
      #expect(lines.first == "nip,nama,kata_sandi_awal")
      #expect(Set(lines.dropFirst().map { String($0.prefix(18)) }) == [budi, niLuh])
      // Each password is the account's: Ni Luh Putu logs in with hers and must change it.
      let row = try #require(lines.first { $0.hasPrefix(niLuh) })
      let password = try #require(row.split(separator: ",").last.map(String.init))
      let employee = try AdminCLI()
      defer { employee.removeFolder() }
      let login = try await employee.run(
        ["login", niLuh, "--address", "127.0.0.1:\(daemon.rpcPort)", "--password-stdin", "--json"],
        input: password + "\n")
      #expect(login.status == 0, "\(login)")
      #expect(try login.object().object("account").bool("mustChangePassword"))

      // Again: nothing left to create, and an existing file is never overwritten.
      let again = try await json(cli, ["account", "add-unit", "DISDUKCAPIL", "--subunits", "--dry-run"])
      #expect((again["wouldCreate"] as? [String])?.isEmpty == true)
      let over = try await cli.run(["account", "add-unit", "DISDUKCAPIL", "--csv", csv])
      #expect(over.status == 2, "\(over)")
      #expect(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").count == 3)
      let noFile = try await cli.run(["account", "add-unit", "DISDUKCAPIL", "--json"])
      #expect(noFile.status == 2, "\(noFile)")
    }

    @Test func accountAndApiKeyCommandsPrintJSONAndShowSecretsOnlyOnce() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      let operatorAccount = try await json(cli, ["account", "add", "operator.kota", "--role", "auditor"])
      #expect(operatorAccount.object("account").bool("mustChangePassword"))
      let initial = operatorAccount.string("initialPassword")
      #expect(initial.count >= 10)
      let chosen = try await json(
        cli, ["account", "add", "operator.dua", "--display-name", "Operator Dua", "--password-stdin"],
        input: "sandi-awal-yang-panjang\n")
      #expect(chosen["initialPassword"] == nil)
      let service = try await json(cli, ["account", "add-service", "tpp", "--scope", "org.read"])
      #expect(service.object("account").string("kind") == "SERVICE")
      let accounts = try await json(cli, ["account", "list"])
      #expect(
        Set(accounts.objects("accounts").map { $0.string("username") }) == [
          "admin", "operator.kota", "operator.dua", "tpp",
        ])
      #expect(try await json(cli, ["account", "show", "operator.kota"])["roles"] as? [String] == ["AUDITOR"])
      #expect(
        try await json(cli, ["account", "disable", "operator.dua", "--reason", "cuti"]).bool("disabled"))
      #expect(try await json(cli, ["account", "enable", "operator.dua"])["disabled"] == nil)
      let reset = try await json(cli, ["account", "reset-password", "operator.kota"])
      #expect(reset.string("temporaryPassword").count >= 10)
      #expect(
        try await json(cli, ["account", "roles", "operator.kota", "--role", "ADMIN"])["roles"] as? [String]
          == [
            "ADMIN"
          ])
      #expect(
        try await json(cli, ["account", "scopes", "tpp", "--scope", "employees.read"])["scopes"] as? [String]
          == ["employees.read"])
      #expect(try await json(cli, ["account", "revoke-sessions", "operator.kota"]).integer("revoked") == 0)

      let key = try await json(cli, ["apikey", "create", "tpp", "--label", "tpp produksi"])
      let secret = key.string("secret")
      #expect(!secret.isEmpty)
      let keys = try await json(cli, ["apikey", "list", "tpp"])
      #expect(keys.objects("keys").count == 1)
      #expect(!(try await cli.run(["apikey", "list", "tpp", "--json"])).stdout.contains(secret))
      let revoked = try await json(cli, ["apikey", "revoke", key.object("key").string("id")])
      #expect(revoked.string("revokedAt") != "")
      await daemon.stop()
    }

    @Test func operationsCommandsPrintJSON() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      let sample = try await json(cli, ["sample", "load", "--seed", "5", "--service-requests", "10"])
      #expect(sample.integer("employees") > 3000)
      #expect(sample.integer("skps") > 0)
      #expect(sample.integer("serviceRequests") == 10)
      let status = try await json(cli, ["status"])
      #expect(status.string("health") == "SERVING")
      #expect(status.object("stats").string("version").hasPrefix("simpeg"))
      #expect(status.string("client").hasPrefix("simpeg-admin"))
      let methods = try await json(cli, ["methods"])
      #expect(
        methods.objects("methods").contains { $0.string("name") == "simpeg.v1.ImportService/ImportUnits" })

      let tail = try await json(cli, ["audit", "tail", "-n", "2"])
      let records = tail.objects("records")
      #expect(
        records.map { $0.string("method") } == [
          "simpeg.v1.AdminService/LoadSample", "simpeg.v1.AdminService/LoadSample",
        ])
      let range = try await json(cli, ["audit", "range", "--from", "1", "--to", "2", "--actor", "admin"])
      #expect(range.objects("records").map { $0.integer("sequence") }.allSatisfy { $0 <= 2 })
      let since = try await json(
        cli, ["audit", "range", "--since", "2000-01-01", "--until", "2999-01-01T00:00:00Z"])
      #expect(since.objects("records").count == records.last?.integer("sequence"))
      let verify = try await json(cli, ["audit", "verify"])
      #expect(verify.bool("intact"))

      let units = try await json(cli, ["export", "units"])
      #expect(units["columns"] as? [String] == ["kode", "kode_induk", "jenis", "nama"])
      #expect(
        units.objects("rows").count
          == status.object("stats").objects("tables").first { $0.string("name") == "units" }?.integer(
            "entries")
      )
      let file = cli.folder.appendingPathComponent("pegawai.csv").path
      let employees = try await json(cli, ["export", "employees", "--out", file, "--excel"])
      #expect(employees.integer("rows") == sample.integer("employees"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: file)).starts(with: [0xEF, 0xBB, 0xBF]))
      await daemon.stop()
    }
  }
}
