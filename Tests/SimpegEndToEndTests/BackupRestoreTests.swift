import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Testing

extension AdminEndToEnd {
  /// simpeg-admin's backups against the real daemon: a hot backup taken while another client
  /// writes restores into a daemon that holds exactly the state of the backup's sequence; damaged
  /// backups are refused.
  @Suite struct BackupRestoreTests {
    /// Creates a unit and an employee in it, again and again, until cancelled.
    final class Writer: Sendable {
      let made = NIOLockedValueBox(0)
      let failure = NIOLockedValueBox<String?>(nil)

      func run(_ client: RPCClient, under parent: UInt64) async {
        let org = Simpeg_V1_OrgService.Client(wrapping: client)
        let employees = Simpeg_V1_EmployeeService.Client(wrapping: client)
        for index in 1...800 where !Task.isCancelled {
          do {
            var unit = Simpeg_V1_CreateUnitRequest()
            unit.parentID = parent
            unit.kind = .bidang
            unit.name = "Bidang Uji \(index)"
            unit.code = "UJI-\(index)"
            let created = try await org.createUnit(unit)
            var employee = Simpeg_V1_CreateEmployeeRequest()
            employee.nip = SmallOrganisation.nip(100 + index)
            employee.name = "Pegawai Uji \(index)"
            employee.status = .pns
            employee.golongan.pns = .golonganIiia
            employee.unitID = created.id
            _ = try await employees.createEmployee(employee)
            made.withLockedValue { $0 += 1 }
          } catch {
            if !Task.isCancelled { failure.withLockedValue { $0 = "\(error)" } }
            return
          }
        }
      }

      /// Waits (bounded) until at least `count` rounds are done.
      func wait(until count: Int) async throws {
        for _ in 0..<6000 {
          if made.withLockedValue({ $0 }) >= count { return }
          if let failure = failure.withLockedValue({ $0 }) {
            throw SimpegdProcess.Failure("the writer failed: \(failure)")
          }
          try await Task.sleep(for: .milliseconds(10))
        }
        throw SimpegdProcess.Failure("the writer did not reach \(count) rounds")
      }
    }

    @Test func backupTakenWhileWritingRestoresIntoADaemonHoldingTheTablesOfItsSequence() async throws {
      let first = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        first.removeFolder()
        cli.removeFolder()
      }
      let tokenA = try await cli.loginAsAdmin(to: first, context: "a")
      let organisation = try await SmallOrganisation.build(with: cli)
      let clientA = try first.client(token: tokenA)

      let writer = Writer()
      let writing = Task { await writer.run(clientA, under: organisation.dinasID) }
      try await writer.wait(until: 3)
      let file = cli.folder.appendingPathComponent("salatiga.backup").path
      let backup = try await cli.run(["backup", file, "--json"])
      let madeByBackupEnd = writer.made.withLockedValue { $0 }
      try await writer.wait(until: madeByBackupEnd + 2)
      writing.cancel()
      await writing.value
      #expect(backup.status == 0, "\(backup)")
      let manifest = try backup.object().object("manifest")
      let sequence = manifest.integer("lastSequence")
      let entries = manifest["entries"] as? [String: Int] ?? [:]
      #expect(sequence > 0)

      let verify = try await cli.run(["backup", "verify", file, "--json"])
      #expect(verify.status == 0, "\(verify)")
      #expect(try verify.object().bool("intact"))

      let restored = cli.folder.appendingPathComponent("restored").path
      let restore = try await cli.run(["restore", file, "--data", restored, "--json"])
      #expect(restore.status == 0, "\(restore)")
      #expect(try restore.object().string("data") == restored)

      let second = try await SimpegdProcess.start(arguments: ["--data", restored])
      defer { second.removeFolder() }
      let tokenB = try await cli.loginAsAdmin(
        to: second, context: "b", password: AdminCLI.bootstrapPassword(of: first))
      let a = Tables(client: clientA)
      let b = Tables(client: try second.client(token: tokenB))

      // Every table: the restored daemon holds what the manifest counted, plus its login (a
      // session, which the change log records, and its audit record).
      let statsB = try await b.admin.getStats(Simpeg_V1_GetStatsRequest())
      #expect(statsB.lastSequence == UInt64(sequence) + 1)
      let login = [
        "sessions", "sessions/by_account", "sessions/by_expiry", "audit", "audit/by_actor", "_changes",
      ]
      for table in statsB.tables {
        let expected = (entries[table.name] ?? 0) + (login.contains(table.name) ? 1 : 0)
        #expect(Int(table.entries) == expected, "\(table.name)")
      }

      // Row by row: what existed at the sequence is identical; everything after is the writer's.
      let unitsA = try await a.units()
      let unitsB = try await b.units()
      let lastUnit = unitsB.map(\.id).max() ?? 0
      #expect(unitsA.filter { $0.id <= lastUnit } == unitsB)
      #expect(unitsA.filter { $0.id > lastUnit }.allSatisfy { $0.name.hasPrefix("Bidang Uji ") })
      let employeesA = try await a.employees()
      let employeesB = try await b.employees()
      let lastEmployee = employeesB.map(\.id).max() ?? 0
      #expect(employeesA.filter { $0.id <= lastEmployee } == employeesB)
      #expect(employeesA.filter { $0.id > lastEmployee }.allSatisfy { $0.name.hasPrefix("Pegawai Uji ") })
      #expect(employeesA.count > employeesB.count, "the writer wrote after the backup")
      for employee in employeesB {
        #expect(try await a.history(of: employee.id) == b.history(of: employee.id))
      }
      #expect(try await a.positions() == b.positions())
      #expect(try await a.accounts() == b.accounts())
      #expect(try await a.apiKeys(of: "absensi") == b.apiKeys(of: "absensi"))
      let audited = entries["audit"] ?? 0
      let auditA = try await a.audit()
      let auditB = try await b.audit()
      #expect(Array(auditA.prefix(audited)) == Array(auditB.prefix(audited)))
      #expect(auditB.dropFirst(audited).map(\.method) == ["simpeg.v1.AuthService/Login"])
      #expect(try await b.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest()).intact)

      await first.stop()
      await second.stop()
    }

    @Test func truncatedAndTamperedBackupsAreRejectedByVerify() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      _ = try await SmallOrganisation.build(with: cli)
      let file = cli.folder.appendingPathComponent("good.backup").path
      let backup = try await cli.run(["backup", file, "--json"])
      #expect(backup.status == 0, "\(backup)")
      await daemon.stop()

      func copy(_ name: String) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: file, toPath: path)
        try FileManager.default.copyItem(atPath: file + ".manifest.json", toPath: path + ".manifest.json")
        return path
      }
      let truncated = try copy("truncated.backup")
      let size = try FileManager.default.attributesOfItem(atPath: truncated)[.size] as! Int
      try FileHandle(forUpdating: URL(fileURLWithPath: truncated)).truncate(atOffset: UInt64(size / 2))
      let tampered = try copy("tampered.backup")
      let handle = try FileHandle(forUpdating: URL(fileURLWithPath: tampered))
      try handle.seek(toOffset: UInt64(size - 100))
      let byte = try handle.read(upToCount: 1)!
      try handle.seek(toOffset: UInt64(size - 100))
      try handle.write(contentsOf: Data([byte[0] ^ 0x01]))
      try handle.close()

      for damaged in [truncated, tampered] {
        let verify = try await cli.run(["backup", "verify", damaged, "--json"])
        #expect(verify.status == 7, "\(verify)")
        #expect(try verify.object().bool("intact") == false)
        #expect(verify.stderr.contains("do not restore"))
        let restore = try await cli.run(["restore", damaged, "--data", damaged + ".data"])
        #expect(restore.status == 7, "\(restore)")
        #expect(!FileManager.default.fileExists(atPath: damaged + ".data"))
      }
      let good = try await cli.run(["backup", "verify", file])
      #expect(good.status == 0, "\(good)")
      let inspect = try await cli.run(["backup", "inspect", file, "--json"])
      #expect(inspect.status == 0, "\(inspect)")
      #expect(try inspect.object().bool("stored"))
      #expect(
        try inspect.object().object("manifest").string("sha256")
          == backup.object().object("manifest").string("sha256"))
    }

    @Test func restoreRefusesAFolderThatHoldsData() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      let file = cli.folder.appendingPathComponent("b.backup").path
      #expect(try await cli.run(["backup", file, "-q"]).status == 0)
      await daemon.stop()
      let restore = try await cli.run(["restore", file, "--data", daemon.dataFolder.path, "--json"])
      #expect(restore.status == 6, "\(restore)")
      #expect(restore.stderr.contains("not empty"))
    }
  }
}

/// Every listing of one daemon, read through its typed clients.
private struct Tables {
  let client: RPCClient
  var admin: Simpeg_V1_AdminService.Client { .init(wrapping: client) }
  var org: Simpeg_V1_OrgService.Client { .init(wrapping: client) }
  var staff: Simpeg_V1_EmployeeService.Client { .init(wrapping: client) }
  var accountService: Simpeg_V1_AccountService.Client { .init(wrapping: client) }

  func units() async throws -> [Simpeg_V1_Unit] {
    var request = Simpeg_V1_GetUnitTreeRequest()
    request.includeClosed = true
    return try await org.getUnitTree(request).nodes.map(\.unit).sorted { $0.id < $1.id }
  }

  func positions() async throws -> [Simpeg_V1_Position] {
    var request = Simpeg_V1_ListPositionsRequest()
    request.includeClosed = true
    request.page.pageSize = 1000
    var all: [Simpeg_V1_Position] = []
    repeat {
      let page = try await org.listPositions(request)
      all += page.positions
      request.page.pageToken = page.page.nextPageToken
    } while !request.page.pageToken.isEmpty
    return all
  }

  func employees() async throws -> [Simpeg_V1_Employee] {
    var request = Simpeg_V1_SearchEmployeesRequest()
    request.includeInactive = true
    request.page.pageSize = 1000
    var all: [Simpeg_V1_Employee] = []
    repeat {
      let page = try await staff.searchEmployees(request)
      all += page.employees
      request.page.pageToken = page.page.nextPageToken
    } while !request.page.pageToken.isEmpty
    return all.sorted { $0.id < $1.id }
  }

  func history(of employee: UInt64) async throws -> Simpeg_V1_GetEmployeeHistoryResponse {
    var request = Simpeg_V1_GetEmployeeHistoryRequest()
    request.employeeID = employee
    return try await staff.getEmployeeHistory(request)
  }

  func accounts() async throws -> [Simpeg_V1_Account] {
    var request = Simpeg_V1_ListAccountsRequest()
    request.includeDisabled = true
    request.page.pageSize = 1000
    return try await accountService.listAccounts(request).accounts
  }

  func apiKeys(of username: String) async throws -> [Simpeg_V1_ApiKey] {
    var request = Simpeg_V1_ListApiKeysRequest()
    request.account.username = username
    request.includeRevoked = true
    return try await accountService.listApiKeys(request).keys
  }

  func audit() async throws -> [Simpeg_V1_AuditRecord] {
    var request = Simpeg_V1_ReadAuditRequest()
    request.limit = 1000
    var all: [Simpeg_V1_AuditRecord] = []
    repeat {
      let page = try await admin.readAudit(request)
      all += page.records
      request.fromSequence = page.nextSequence
    } while request.fromSequence != 0
    return all
  }
}
